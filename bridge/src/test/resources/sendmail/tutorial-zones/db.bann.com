$TTL 86400
@	IN	SOA	ns.bann.com. root.bann.com. (
		2010010101	; serial
		3H		; refresh
		15M		; retry
		1W		; expire
		1D )		; minimum
	IN	NS	ns.bann.com.
	IN	MX 10	mail.bann.com.
ns	IN	A	192.168.0.100
mail	IN	A	192.168.0.100
www	IN	CNAME	mail
ftp	IN	HINFO	"x86" "linux"
