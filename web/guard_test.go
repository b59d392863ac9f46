package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestSecurityHeaders(t *testing.T) {
	_, ts := testServer(t, Config{})
	for _, path := range []string{"/", "/static/app.js", "/nope", "/api/template"} {
		resp, _ := do(t, mustRequest(t, http.MethodGet, ts.URL+path))
		h := resp.Header
		csp := h.Get("Content-Security-Policy")
		if !strings.HasPrefix(csp, "default-src 'self'") || !strings.Contains(csp, "frame-ancestors 'none'") {
			t.Errorf("%s: Content-Security-Policy %q", path, csp)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("X-Frame-Options") != "DENY" {
			t.Errorf("%s: headers %v", path, h)
		}
	}
}

func TestHostCheck(t *testing.T) {
	_, ts := testServer(t, Config{})
	port := ts.URL[strings.LastIndex(ts.URL, ":")+1:]
	for _, tt := range []struct {
		host string
		ok   bool
	}{
		{"127.0.0.1:" + port, true}, {"localhost:" + port, true}, {"LOCALHOST.:" + port, true}, {"[::1]:" + port, true},
		{"evil.example:" + port, false}, {"127.0.0.1:1", false}, {"localhost", false},
		{"192.168.1.20:" + port, false}, // loopback only: another address of the machine is not served
	} {
		req := mustRequest(t, http.MethodGet, ts.URL+"/")
		req.Host = tt.host
		resp, body := do(t, req)
		if got := resp.StatusCode == http.StatusOK; got != tt.ok {
			t.Errorf("Host %q: %d %.80s", tt.host, resp.StatusCode, body)
		}
		if !tt.ok && (resp.StatusCode != http.StatusForbidden || !strings.Contains(errorOf(t, body).Error, "不是本服务的地址")) {
			t.Errorf("Host %q: %d %s", tt.host, resp.StatusCode, body)
		}
	}
	// Listening on every interface: any literal address and the machine's
	// name pass, other names do not.
	h := newHostCheck("0.0.0.0", "8080")
	h.name = "stats-pc"
	for host, ok := range map[string]bool{"192.168.1.20:8080": true, "[fe80::1]:8080": true, "stats-pc:8080": true,
		"stats-pc.lan:8080": true, "evil.example:8080": false, "192.168.1.20:8081": false} {
		if h.ok(host) != ok {
			t.Errorf("on 0.0.0.0, Host %q: %v", host, !ok)
		}
	}
}

func TestSameSite(t *testing.T) {
	_, ts := testServer(t, Config{})
	ex := readFile(t, example)
	for _, tt := range []struct {
		name   string
		header map[string]string
		ok     bool
	}{
		{"a program", nil, true},
		{"the page", map[string]string{"Origin": ts.URL, "Sec-Fetch-Site": "same-origin"}, true},
		{"the page, by Referer", map[string]string{"Referer": ts.URL + "/"}, true},
		{"another site", map[string]string{"Origin": "http://evil.example"}, false},
		{"another port", map[string]string{"Origin": "http://127.0.0.1:1"}, false},
		{"another site, by Referer", map[string]string{"Referer": "http://evil.example/x"}, false},
		{"a sandboxed frame", map[string]string{"Origin": "null"}, false},
		{"cross-site by fetch metadata", map[string]string{"Sec-Fetch-Site": "cross-site"}, false},
		{"same-site is another origin", map[string]string{"Sec-Fetch-Site": "same-site"}, false},
	} {
		body, ctype := multipartBody(t, fileField("file", "a.xlsx", ex))
		req, _ := http.NewRequest(http.MethodPost, ts.URL+"/api/evaluate", body)
		req.Header.Set("Content-Type", ctype)
		for k, v := range tt.header {
			req.Header.Set(k, v)
		}
		resp, b := do(t, req)
		if got := resp.StatusCode == http.StatusOK; got != tt.ok {
			t.Errorf("%s: %d %.100s", tt.name, resp.StatusCode, b)
		}
		if !tt.ok && !strings.Contains(errorOf(t, b).Error, "拒绝来自其他网站的提交") {
			t.Errorf("%s: %s", tt.name, b)
		}
	}
}

func TestToken(t *testing.T) {
	const token = "s3cret-token"
	_, ts := testServer(t, Config{Token: token})
	get := func(path string, edit func(*http.Request)) *http.Response {
		req := mustRequest(t, http.MethodGet, ts.URL+path)
		if edit != nil {
			edit(req)
		}
		resp, err := http.DefaultTransport.RoundTrip(req) // no redirects followed
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	for _, path := range []string{"/", "/api/template", "/static/style.css"} {
		if resp := get(path, nil); resp.StatusCode != http.StatusUnauthorized || resp.Header.Get("WWW-Authenticate") == "" {
			t.Errorf("%s without the token: %d", path, resp.StatusCode)
		}
	}
	if resp := get("/api/template", func(r *http.Request) { r.Header.Set("Authorization", "Bearer "+token) }); resp.StatusCode != 200 {
		t.Errorf("bearer: %d", resp.StatusCode)
	}
	if resp := get("/", func(r *http.Request) { r.Header.Set("Authorization", "Bearer nope") }); resp.StatusCode != 401 {
		t.Errorf("wrong bearer: %d", resp.StatusCode)
	}
	if resp := get("/?token=nope", nil); resp.StatusCode != 401 {
		t.Errorf("wrong token address: %d", resp.StatusCode)
	}

	// The printed address sets the cookie once and leads to /.
	resp := get("/?token="+token, nil)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/" {
		t.Fatalf("token address: %d → %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	cookies := resp.Cookies()
	if len(cookies) != 1 || cookies[0].Name != cookieName || !cookies[0].HttpOnly || cookies[0].SameSite != http.SameSiteStrictMode ||
		cookies[0].Path != "/" {
		t.Fatalf("cookie %+v", cookies)
	}
	withCookie := func(r *http.Request) { r.AddCookie(cookies[0]) }
	if resp := get("/", withCookie); resp.StatusCode != 200 {
		t.Errorf("with the cookie: %d", resp.StatusCode)
	}
	body, ctype := multipartBody(t, fileField("file", "a.xlsx", readFile(t, example)))
	req, _ := http.NewRequest(http.MethodPost, ts.URL+"/api/evaluate", body)
	req.Header.Set("Content-Type", ctype)
	req.AddCookie(&http.Cookie{Name: cookieName, Value: "forged"})
	if resp, _ := do(t, req); resp.StatusCode != 401 {
		t.Errorf("POST with a forged cookie: %d", resp.StatusCode)
	}
}

func TestTokenMadeOffLoopback(t *testing.T) {
	s, err := New(Config{Addr: "0.0.0.0:0"})
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^[0-9a-f]{32}$`).MatchString(s.Token()) {
		t.Errorf("token %q", s.Token())
	}
	other, _ := New(Config{Addr: "0.0.0.0:0"})
	if other.Token() == s.Token() {
		t.Error("two servers made the same token")
	}
	if s, _ := New(Config{Addr: "127.0.0.1:0"}); s.Token() != "" {
		t.Errorf("loopback got a token %q", s.Token())
	}
	if s, _ := New(Config{Addr: "[::1]:0", Token: "given"}); s.Token() != "given" {
		t.Errorf("a given token became %q", s.Token())
	}
	for _, addr := range []string{"nonsense", "127.0.0.1:99999", "127.0.0.1:http"} {
		if _, err := New(Config{Addr: addr}); err == nil {
			t.Errorf("New(%q) accepted", addr)
		}
	}
	for host, loop := range map[string]bool{"127.0.0.1": true, "127.1.2.3": true, "::1": true, "[::1]": true,
		"localhost": true, "0.0.0.0": false, "": false, "192.168.1.2": false, "example.com": false} {
		if Loopback(host) != loop {
			t.Errorf("Loopback(%q) = %v", host, !loop)
		}
	}
}

func TestURL(t *testing.T) {
	s, base := serve(t, Config{Token: "abc"})
	ln, err := s.Listen() // a second listener only to compute its address
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	if u := s.URL(ln); !strings.HasPrefix(u, "http://127.0.0.1:") || !strings.HasSuffix(u, "/?token=abc") {
		t.Errorf("URL %q", u)
	}
	if !strings.HasPrefix(base, "http://127.0.0.1:") {
		t.Errorf("base %q", base)
	}
}

func TestBusy(t *testing.T) {
	s, ts := testServer(t, Config{Workers: 1, Queue: 1, Wait: 50 * time.Millisecond})
	ex := readFile(t, example)

	// Every evaluation slot taken: a request waits Wait, then is told 503.
	s.gate.slots <- struct{}{}
	start := time.Now()
	resp, body := post(t, ts.URL+"/api/evaluate", fileField("file", "a.xlsx", ex))
	if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" ||
		!strings.Contains(errorOf(t, body).Error, "服务器正忙") {
		t.Errorf("slot taken: %d %q %s", resp.StatusCode, resp.Header.Get("Retry-After"), body)
	}
	if d := time.Since(start); d < 50*time.Millisecond || d > 5*time.Second {
		t.Errorf("waited %v", d)
	}

	// The queue full too: told at once, before the body is read.
	s.gate.admit <- struct{}{}
	s.gate.admit <- struct{}{}
	start = time.Now()
	resp, _ = post(t, ts.URL+"/api/evaluate", fileField("file", "a.xlsx", ex))
	if resp.StatusCode != http.StatusServiceUnavailable || time.Since(start) > time.Second {
		t.Errorf("queue full: %d after %v", resp.StatusCode, time.Since(start))
	}
	<-s.gate.admit
	<-s.gate.admit
	<-s.gate.slots

	// Free again: served.
	if resp, body := post(t, ts.URL+"/api/evaluate", fileField("file", "a.xlsx", ex)); resp.StatusCode != 200 {
		t.Errorf("after: %d %s", resp.StatusCode, body)
	}
}

func TestGate(t *testing.T) {
	g := newGate(1, 1, 100)
	if !g.enter(60) || g.enter(60) {
		t.Fatal("memory not bounded: two bodies of 60 admitted in 100")
	}
	if !g.enter(40) || g.enter(0) {
		t.Fatal("count not bounded: a third request admitted with workers+queue = 2")
	}
	g.leave(60)
	g.leave(40)
	if g.memory != 100 || len(g.admit) != 0 {
		t.Fatalf("after leaving: memory %d, admitted %d", g.memory, len(g.admit))
	}
	if !g.work(context.Background(), time.Millisecond) {
		t.Fatal("no slot")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if g.work(ctx, time.Minute) {
		t.Fatal("a second slot with one worker")
	}
	g.done()
}

// The handler alone, without a listener: Host is checked against the
// configured port.
func TestHandlerHost(t *testing.T) {
	s, err := New(Config{Addr: "127.0.0.1:8080"})
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodGet, "http://127.0.0.1:8080/", nil)
	s.Handler().ServeHTTP(rec, req)
	if rec.Code != 200 {
		t.Errorf("%d", rec.Code)
	}
}
