package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/attain-tool/attain/rules"
)

// Config is what `attain serve` is told.
type Config struct {
	// Addr is host:port to listen on; DefaultAddr when empty.
	Addr string
	// Rules is the ruleset the page starts with and requests without a
	// ruleset of their own use; the embedded default when nil.
	Rules *rules.Ruleset
	// RulesFile names the file Rules was read from; empty for the
	// embedded default.
	RulesFile string
	// Token, when set, must come with every request. New sets one when the
	// address is not loopback and none is given.
	Token string
	// MaxUpload bounds one request's body; DefaultMaxUpload when 0.
	MaxUpload int64
	// MaxMemory bounds the bodies of all requests admitted at once;
	// DefaultMaxMemory when 0.
	MaxMemory int64
	// Workers is how many evaluations run at once (GOMAXPROCS when 0);
	// Queue how many more may be admitted to wait for one (DefaultQueue
	// when 0). Memory, not the count, bounds what waiting costs: see
	// MaxMemory.
	Workers, Queue int
	// Wait is how long a request waits in the queue before it is told
	// 503; DefaultWait when 0.
	Wait time.Duration
	// Now is the clock, for the scorecard's date; time.Now when nil.
	Now func() time.Time
	// Version is the program's version: in the page's footer and in the
	// properties of the scorecards, as the command line writes it.
	Version string
}

// Defaults of Config.
const (
	DefaultAddr      = "127.0.0.1:8080"
	DefaultMaxUpload = 32 << 20
	DefaultMaxMemory = 256 << 20
	DefaultWait      = 30 * time.Second
	DefaultQueue     = 64
)

// Timeouts of the HTTP server: a slow client cannot hold a connection
// open, and a large city's scorecard (seconds to write) still fits.
const (
	readHeaderTimeout = 10 * time.Second
	readTimeout       = 2 * time.Minute
	writeTimeout      = 5 * time.Minute
	idleTimeout       = 2 * time.Minute
)

// Server is the workbench: a handler and its limits. It keeps nothing
// between requests.
type Server struct {
	cfg   Config
	gate  *gate
	hosts hostCheck
	// rulesets are the embedded rulesets the page offers, by id, with the
	// server's own first.
	rulesets []rulesetChoice
	handler  http.Handler
}

// New makes a server for cfg. A non-loopback address without a token gets
// one made with crypto/rand (Server.Token tells it).
func New(cfg Config) (*Server, error) {
	if cfg.Addr == "" {
		cfg.Addr = DefaultAddr
	}
	host, port, err := net.SplitHostPort(cfg.Addr)
	if err != nil {
		return nil, fmt.Errorf("地址 %q 无效（应为 主机:端口，如 127.0.0.1:8080）", cfg.Addr)
	}
	if _, err := strconv.ParseUint(port, 10, 16); err != nil {
		return nil, fmt.Errorf("地址 %q 的端口无效", cfg.Addr)
	}
	if cfg.Token == "" && !Loopback(host) {
		if cfg.Token, err = NewToken(); err != nil {
			return nil, err
		}
	}
	if cfg.Rules == nil {
		cfg.Rules = rules.Default()
	}
	if cfg.MaxUpload <= 0 {
		cfg.MaxUpload = DefaultMaxUpload
	}
	if cfg.MaxMemory <= 0 {
		cfg.MaxMemory = DefaultMaxMemory
	}
	if cfg.MaxMemory < cfg.MaxUpload {
		cfg.MaxMemory = cfg.MaxUpload
	}
	if cfg.Workers <= 0 {
		cfg.Workers = runtime.GOMAXPROCS(0)
	}
	if cfg.Queue <= 0 {
		cfg.Queue = DefaultQueue
	}
	if cfg.Wait <= 0 {
		cfg.Wait = DefaultWait
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	s := &Server{cfg: cfg, gate: newGate(cfg.Workers, cfg.Queue, cfg.MaxMemory)}
	s.hosts = newHostCheck(host, port)
	s.rulesets = rulesetChoices(cfg.Rules, cfg.RulesFile)
	s.handler = s.guard(s.routes())
	return s, nil
}

// Token is the token requests must carry, or "".
func (s *Server) Token() string { return s.cfg.Token }

// Handler is the server's handler, guards included.
func (s *Server) Handler() http.Handler { return s.handler }

// HTTPServer is an http.Server for the handler with the server's timeouts.
func (s *Server) HTTPServer() *http.Server {
	return &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    64 << 10,
	}
}

// Listen opens the configured address. With port 0 the system picks one;
// the Host check then accepts the port it picked.
func (s *Server) Listen() (net.Listener, error) {
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return nil, err
	}
	if _, port, err := net.SplitHostPort(ln.Addr().String()); err == nil {
		s.hosts.port = port
	}
	return ln, nil
}

// Serve serves on ln until ctx is done, then lets the requests in flight
// finish (for up to 10 seconds).
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := s.HTTPServer()
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := hs.Shutdown(sctx)
	if e := <-done; !errors.Is(e, http.ErrServerClosed) && err == nil {
		err = e
	}
	return err
}

// URL is the address to open in a browser for ln, with the token when one
// is set: the page sets its cookie from it.
func (s *Server) URL(ln net.Listener) string {
	host, port, _ := net.SplitHostPort(ln.Addr().String())
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "127.0.0.1"
		if ip != nil && ip.To4() == nil {
			host = "::1"
		}
	}
	u := "http://" + net.JoinHostPort(host, port) + "/"
	if s.cfg.Token != "" {
		u += "?token=" + s.cfg.Token
	}
	return u
}

// NewToken is 128 random bits in hex.
func NewToken() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("无法生成访问令牌：%v", err)
	}
	return hex.EncodeToString(b), nil
}

// Loopback reports whether host (a name or an address, without port) is
// this machine only: localhost, 127.0.0.0/8 or ::1. The empty host and
// 0.0.0.0 listen on every interface and are not.
func Loopback(host string) bool {
	host = strings.TrimSuffix(strings.ToLower(strings.Trim(host, "[]")), ".")
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
