package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"strings"
	"syscall"

	"github.com/attain-tool/attain/web"
	"github.com/urfave/cli/v2"
)

type serveOptions struct {
	addr  string
	rules string
	token string
	open  bool
	// launched is set by launchArgs for a double-click on Windows: a busy
	// default port falls back to another, and an error waits for Enter so
	// the window does not close before it is read.
	launched bool
}

func (e *env) serveCommand() *cli.Command {
	var o serveOptions
	return &cli.Command{
		Name:  "serve",
		Usage: "serve the web workbench: choose the rules, upload figures, read and download the result in a browser (网页工作台)",
		Description: "attain serve listens on " + web.DefaultAddr + " (this machine only) unless --addr says otherwise; any\n" +
			"other address requires a token, made at random and printed with the address when --token is not given.\n" +
			"The page and its API are described in docs/serve.md.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "addr", Usage: "address to listen on, host:port (a non-loopback address requires a token)", Value: web.DefaultAddr, Destination: &o.addr},
			withDest(rulesFlag, &o.rules),
			&cli.StringFlag{Name: "token", Usage: "access token every request must carry (default: none on loopback, a random one otherwise)", EnvVars: []string{"ATTAIN_TOKEN"}, Destination: &o.token},
			&cli.BoolFlag{Name: "open", Usage: "open the page in the default browser", Destination: &o.open},
			&cli.BoolFlag{Name: "launched", Hidden: true, Destination: &o.launched},
		},
		Action: func(c *cli.Context) error {
			if err := noArgs(c); err != nil {
				return err
			}
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			err := e.runServe(ctx, o, !c.IsSet("addr"))
			if err != nil && o.launched {
				// A double-clicked window closes when attain ends.
				fmt.Fprintln(e.stderr, "attain: "+err.Error())
				fmt.Fprint(e.stderr, "按回车键关闭此窗口……")
				bufio.NewReader(e.stdin).ReadString('\n')
			}
			return err
		},
	}
}

// serveReady, when set (by tests), is told the address once the server
// listens.
var serveReady func(url string)

// openBrowser opens url in the default browser; tests replace it.
var openBrowser = func(goos, url string) error {
	name, args := browserCommand(goos, url)
	cmd := exec.Command(name, args...)
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait()
	return nil
}

// browserCommand is the program that opens url on goos.
func browserCommand(goos, url string) (string, []string) {
	switch goos {
	case "windows":
		return "rundll32", []string{"url.dll,FileProtocolHandler", url}
	case "darwin":
		return "open", []string{url}
	}
	return "xdg-open", []string{url}
}

// runServe serves until ctx ends. defaultAddr says --addr was not given, so
// that a double-click may move to a free port.
func (e *env) runServe(ctx context.Context, o serveOptions, defaultAddr bool) error {
	rs, err := loadRules(o.rules)
	if err != nil {
		return err
	}
	cfg := web.Config{Addr: o.addr, Rules: rs, RulesFile: o.rules, Token: o.token, Version: versionString()}
	s, err := web.New(cfg)
	if err != nil {
		return flagErrorf("addr", "%s 的值无效：%s。", err.Error())
	}
	ln, err := s.Listen()
	if err != nil && o.launched && defaultAddr {
		cfg.Addr = "127.0.0.1:0" // another attain has the default port
		if s, err = web.New(cfg); err == nil {
			ln, err = s.Listen()
		}
	}
	if err != nil {
		return dataErrorf("无法在 %s 上提供服务：%s", cfg.Addr, listenReason(err))
	}
	url := s.URL(ln)
	fmt.Fprintf(e.stdout, "attain serve：请在浏览器中打开 %s\n", url)
	host, port, _ := net.SplitHostPort(ln.Addr().String())
	if !web.Loopback(host) {
		fmt.Fprintf(e.stdout, "其他电脑请用 http://本机地址:%s/?token=%s 打开（访问令牌只告诉需要的人）\n", port, s.Token())
	}
	fmt.Fprintln(e.stdout, "数据只在本机处理，不保存；按 Ctrl+C 停止。")
	if o.open {
		if err := openBrowser(runtime.GOOS, url); err != nil {
			fmt.Fprintln(e.stderr, "attain: 无法打开浏览器（"+err.Error()+"），请手动打开上面的地址")
		}
	}
	if serveReady != nil {
		serveReady(url)
	}
	return s.Serve(ctx, ln)
}

// listenReason says in Chinese why an address cannot be listened on.
func listenReason(err error) string {
	msg := err.Error()
	switch {
	case errors.Is(err, syscall.EADDRINUSE) || strings.Contains(msg, "address already in use") ||
		strings.Contains(msg, "Only one usage of each socket address"):
		return "端口已被占用（是否已有一个 attain serve 在运行？可用 --addr 127.0.0.1:8081 换一个端口）"
	case errors.Is(err, syscall.EACCES) || errors.Is(err, os.ErrPermission):
		return "没有权限使用这个端口（1024 以下的端口需要管理员权限）"
	case strings.Contains(msg, "cannot assign requested address") || strings.Contains(msg, "requested address is not valid"):
		return "这台电脑没有这个地址"
	}
	return msg
}

// launchArgs is the command line attain runs with: on Windows, started with
// no arguments — a double-click on attain.exe — it serves the workbench on
// loopback and opens the browser, since a window that prints the help and
// closes helps no one.
func launchArgs(goos string, args []string) []string {
	if goos == "windows" && len(args) == 1 {
		return []string{args[0], "serve", "--open", "--launched"}
	}
	return args
}
