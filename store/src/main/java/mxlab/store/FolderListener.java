package mxlab.store;

/** Told of every change to a folder; called on the changing thread, so it must be quick. */
@FunctionalInterface
public interface FolderListener {
  void changed(FolderChange change);
}
