package web

import (
	"crypto/sha256"
	"crypto/subtle"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
)

// cookieName holds the token in the browser once /?token=… was opened.
const cookieName = "attain_token"

// securityHeaders go on every answer: nothing from elsewhere, no framing,
// no sniffing, no referrer outside the page, nothing cached (the page holds
// a district's figures).
var securityHeaders = map[string]string{
	"Content-Security-Policy": "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; " +
		"form-action 'self'; frame-ancestors 'none'",
	"X-Content-Type-Options":       "nosniff",
	"X-Frame-Options":              "DENY",
	"Referrer-Policy":              "same-origin",
	"Cross-Origin-Opener-Policy":   "same-origin",
	"Cross-Origin-Resource-Policy": "same-origin",
	"Cache-Control":                "no-store",
}

// guard runs before every handler: security headers, the Host check, the
// token, and for a POST the check that it comes from this page.
func (s *Server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for k, v := range securityHeaders {
			w.Header().Set(k, v)
		}
		if !s.hosts.ok(r.Host) {
			// DNS rebinding: a page of another site whose name now points
			// here would send its own name.
			s.refuse(w, r, http.StatusForbidden, "主机名 "+r.Host+" 不是本服务的地址；请用启动时显示的地址打开")
			return
		}
		if s.cfg.Token != "" {
			if t := r.URL.Query().Get("token"); t != "" && r.Method == http.MethodGet && r.URL.Path == "/" {
				if !s.tokenOK(t) {
					s.refuse(w, r, http.StatusUnauthorized, "访问令牌不对；请用启动时显示的完整地址打开")
					return
				}
				http.SetCookie(w, &http.Cookie{Name: cookieName, Value: t, Path: "/", HttpOnly: true,
					SameSite: http.SameSiteStrictMode})
				http.Redirect(w, r, "/", http.StatusSeeOther)
				return
			}
			if !s.authorized(r) {
				w.Header().Set("WWW-Authenticate", `Bearer realm="attain"`)
				s.refuse(w, r, http.StatusUnauthorized, "需要访问令牌：请用启动时显示的完整地址（含 ?token=）打开，"+
					"或在请求头中带上 Authorization: Bearer 令牌")
				return
			}
		}
		if r.Method == http.MethodPost && !s.sameSite(r) {
			s.refuse(w, r, http.StatusForbidden, "拒绝来自其他网站的提交")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// authorized reports whether r carries the token, as a bearer token or in
// the cookie.
func (s *Server) authorized(r *http.Request) bool {
	if h := r.Header.Get("Authorization"); h != "" {
		scheme, t, ok := strings.Cut(h, " ")
		return ok && strings.EqualFold(scheme, "Bearer") && s.tokenOK(strings.TrimSpace(t))
	}
	c, err := r.Cookie(cookieName)
	return err == nil && s.tokenOK(c.Value)
}

// tokenOK compares in constant time; hashing first hides the length too.
func (s *Server) tokenOK(t string) bool {
	a := sha256.Sum256([]byte(t))
	b := sha256.Sum256([]byte(s.cfg.Token))
	return subtle.ConstantTimeCompare(a[:], b[:]) == 1
}

// sameSite reports whether a POST comes from this server's own page: its
// Origin (or, without one, its Referer) names the host the request was
// sent to. A request with neither is a program, not a page, and passes;
// a browser says when a request is cross-site (Sec-Fetch-Site).
func (s *Server) sameSite(r *http.Request) bool {
	if site := r.Header.Get("Sec-Fetch-Site"); site == "cross-site" || site == "same-site" {
		return false
	}
	from := r.Header.Get("Origin")
	if from == "" {
		from = r.Header.Get("Referer")
	}
	if from == "" {
		return true
	}
	u, err := url.Parse(from)
	if err != nil || u.Scheme != "http" && u.Scheme != "https" {
		return false // "null": a sandboxed frame, a file, a data: URL
	}
	return strings.EqualFold(u.Host, r.Host)
}

// hostCheck accepts the Host names the server is reached by: localhost,
// 127.0.0.1 and [::1] with the served port, the configured host, and, when
// listening on every interface, this machine's name and any IP address
// (a literal address cannot be rebound to another site).
type hostCheck struct {
	host string // as configured, lower case, without brackets
	port string
	any  bool // listening on every interface
	name string
}

func newHostCheck(host, port string) hostCheck {
	h := hostCheck{host: strings.ToLower(strings.Trim(host, "[]")), port: port}
	if ip := net.ParseIP(h.host); h.host == "" || ip != nil && ip.IsUnspecified() {
		h.any = true
		h.name, _ = os.Hostname()
		h.name = strings.ToLower(h.name)
	}
	return h
}

func (h hostCheck) ok(hostport string) bool {
	host, port, err := net.SplitHostPort(hostport)
	if err != nil {
		host, port = hostport, "80"
	}
	if port != h.port {
		return false
	}
	host = strings.TrimSuffix(strings.ToLower(strings.Trim(host, "[]")), ".")
	switch {
	case host == "":
		return false
	case host == "localhost" || host == "127.0.0.1" || host == "::1" || host == h.host:
		return true
	case h.any && net.ParseIP(host) != nil:
		return true
	case h.any && h.name != "" && (host == h.name || strings.HasPrefix(host, h.name+".")):
		return true
	}
	return false
}
