package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// The import policy of the module, after go/build's deps_test.go: which
// room may import what (DESIGN.md, "Rooms"). Paths are relative to the
// module; "std" is any standard-library package, "std-pure" the standard
// library without I/O or the clock. A package missing from this table
// fails the test, so a new room states its imports when it is made.
const module = "github.com/attain-tool/attain"

const (
	decimalPkg  = "github.com/shopspring/decimal"
	excelizePkg = "github.com/xuri/excelize/v2"
	yamlPkg     = "go.yaml.in/yaml/v3"
	cliPkg      = "github.com/urfave/cli/v2"
	textPkg     = "golang.org/x/text/..."
)

var depsPolicy = map[string][]string{
	"rules":                       {"std", decimalPkg, yamlPkg},
	"eval":                        {"std-pure", "rules", decimalPkg},
	"seeds":                       {"std", "rules", decimalPkg, textPkg},
	"templates":                   {"std", "rules", "eval", "templates/cell", excelizePkg},
	"templates/cell":              {"std", "rules", "eval", decimalPkg},
	"templates/internal/xlsxscan": {"std"},
	"templates/internal/zipw":     {"std"},
	"templates/docx":              {"std"},
	"templates/read": {"std", "templates", "templates/cell", "templates/internal/xlsxscan", "rules", "eval",
		excelizePkg, decimalPkg, yamlPkg, textPkg},
	"templates/view": {"std", "rules", "eval", "templates/cell", "templates/docx", decimalPkg, textPkg},
	"templates/scorecard": {"std", "templates/view", "templates/cell", "templates/internal/zipw", "rules", "eval",
		excelizePkg, decimalPkg},
	// Fixtures may use anything above the readers and writers they feed.
	"templates/fixture": {"std", "templates", "templates/cell", "rules", "eval", excelizePkg, decimalPkg, yamlPkg,
		textPkg},
	"web": {"std", "templates", "templates/read", "templates/view", "templates/scorecard", "templates/cell", "eval",
		"rules", decimalPkg},
	"cmd/attain": {"std", "rules", "eval", "seeds", "templates", "templates/cell", "templates/read", "templates/view",
		"templates/scorecard", "web", decimalPkg, cliPkg, textPkg},
	"cmd/mkfixtures": {"std", "rules", "templates", "templates/fixture"},
	"cmd/mkcorpus":   {"std", "templates/fixture"},
	// The release builder runs go build; it links nothing of attain's.
	"cmd/release": {"std"},
}

// impure are the standard packages a pure room may not import: files,
// processes, the network, the clock.
var impure = map[string]bool{"os": true, "os/exec": true, "os/signal": true, "io/ioutil": true, "net": true,
	"net/http": true, "time": true, "syscall": true, "path/filepath": true, "bufio": true, "io/fs": true}

// clockRooms may read the clock and use os: the CLI and the web server.
func clockRoom(dir string) bool { return strings.HasPrefix(dir, "cmd/") || dir == "web" }

type goPackage struct {
	dir     string
	imports map[string][]string // import path → files importing it (non-test)
	calls   map[string][]string // "time.Now" → positions
	doc     bool
}

func loadPackages(t *testing.T) map[string]*goPackage {
	t.Helper()
	root := filepath.Join("..", "..")
	pkgs := map[string]*goPackage{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != root && (strings.HasPrefix(name, ".") || name == "testdata" || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		rel, _ := filepath.Rel(root, filepath.Dir(path))
		rel = filepath.ToSlash(rel)
		f, err := parser.ParseFile(fset, path, nil, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		p := pkgs[rel]
		if p == nil {
			p = &goPackage{dir: rel, imports: map[string][]string{}, calls: map[string][]string{}}
			pkgs[rel] = p
		}
		if f.Doc != nil && strings.HasPrefix(f.Doc.Text(), "Package ") || f.Doc != nil && f.Name.Name == "main" {
			p.doc = true
		}
		names := map[string]string{} // local name → path
		for _, im := range f.Imports {
			ip, _ := strconv.Unquote(im.Path.Value)
			p.imports[ip] = append(p.imports[ip], filepath.Base(path))
			name := ip[strings.LastIndex(ip, "/")+1:]
			if im.Name != nil {
				name = im.Name.Name
			}
			names[name] = ip
		}
		ast.Inspect(f, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if x, ok := sel.X.(*ast.Ident); ok && names[x.Name] == "time" && sel.Sel.Name == "Now" {
				p.calls["time.Now"] = append(p.calls["time.Now"], fset.Position(sel.Pos()).String())
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return pkgs
}

func allowed(dir, ip string, allow []string) bool {
	std := !strings.Contains(strings.SplitN(ip, "/", 2)[0], ".")
	for _, a := range allow {
		switch {
		case a == "std" && std:
			return true
		case a == "std-pure" && std && !impure[ip]:
			return true
		case strings.HasSuffix(a, "/...") && strings.HasPrefix(ip, strings.TrimSuffix(a, "...")):
			return true
		case ip == a || ip == module+"/"+a:
			return true
		}
	}
	return false
}

func TestImportPolicy(t *testing.T) {
	pkgs := loadPackages(t)
	var dirs []string
	for d := range pkgs {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	for _, dir := range dirs {
		p := pkgs[dir]
		allow, ok := depsPolicy[dir]
		if !ok {
			t.Errorf("%s: not in the import policy (add it to depsPolicy with the imports its room may use)", dir)
			continue
		}
		if !p.doc {
			t.Errorf("%s: no package comment", dir)
		}
		for ip, files := range p.imports {
			if !allowed(dir, ip, allow) {
				t.Errorf("%s imports %s (in %s), which its room may not", dir, ip, strings.Join(files, ", "))
			}
			if !clockRoom(dir) && dir != "templates/fixture" && (ip == "os" || ip == "os/signal" || ip == "os/exec") {
				t.Errorf("%s imports %s: only cmd/ and web/ touch the operating system", dir, ip)
			}
		}
		if !clockRoom(dir) {
			for _, at := range p.calls["time.Now"] {
				t.Errorf("%s reads the clock at %s: only cmd/ and web/ may", dir, at)
			}
		}
	}
}

// TestImportPolicyRules pins the room-wide rules the table above encodes, so
// that widening one room's list cannot quietly break them.
func TestImportPolicyRules(t *testing.T) {
	tests := []struct {
		name  string
		ok    func(dir string) bool
		pkg   string
		fixed bool
	}{
		{"excelize only under templates/", func(d string) bool { return strings.HasPrefix(d, "templates") }, excelizePkg, false},
		{"urfave/cli only under cmd/", func(d string) bool { return strings.HasPrefix(d, "cmd/") }, cliPkg, false},
		{"view never excelize", func(d string) bool { return d != "templates/view" }, excelizePkg, false},
		{"cell never excelize", func(d string) bool { return d != "templates/cell" }, excelizePkg, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for dir, allow := range depsPolicy {
				if !tt.ok(dir) && allowed(dir, tt.pkg, allow) {
					t.Errorf("the policy lets %s import %s", dir, tt.pkg)
				}
			}
		})
	}
	for dir, allow := range depsPolicy {
		if strings.HasPrefix(dir, "templates/internal/") && (len(allow) != 1 || allow[0] != "std") {
			t.Errorf("%s must use the standard library only", dir)
		}
	}
}

// TestFixtureNotInBinary checks that the attain binary does not link the
// test fixtures: templates/fixture is not reachable from cmd/attain.
func TestFixtureNotInBinary(t *testing.T) {
	pkgs := loadPackages(t)
	seen := map[string]bool{}
	var walk func(dir string)
	walk = func(dir string) {
		if seen[dir] {
			return
		}
		seen[dir] = true
		if p := pkgs[dir]; p != nil {
			for ip := range p.imports {
				if rel, ok := strings.CutPrefix(ip, module+"/"); ok {
					walk(rel)
				}
			}
		}
	}
	walk("cmd/attain")
	if seen["templates/fixture"] {
		t.Error("cmd/attain links templates/fixture")
	}
	if len(seen) < 5 {
		t.Fatalf("walked only %v: the module was not found", seen)
	}
	if _, err := os.Stat(filepath.Join("..", "..", "go.mod")); err != nil {
		t.Fatal(err)
	}
}
