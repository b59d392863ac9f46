package rules

import (
	"embed"
	"fmt"
	"sort"
	"strings"
)

//go:embed defaults/*.yaml
var defaultFiles embed.FS

// DefaultID is the id of the ruleset used when no rule file is given.
const DefaultID = "hongqi-2019"

// Embedded returns the ruleset shipped with attain under id.
func Embedded(id string) (*Ruleset, error) {
	src, err := defaultFiles.ReadFile("defaults/" + id + ".yaml")
	if err != nil {
		return nil, fmt.Errorf("no embedded ruleset %q (have %s)", id, strings.Join(EmbeddedIDs(), ", "))
	}
	rs, diags := Parse(id+".yaml", src)
	if diags.HasErrors() {
		return nil, fmt.Errorf("embedded ruleset %s: %w", id, diags)
	}
	return rs, nil
}

// EmbeddedSource returns the YAML text of an embedded ruleset.
func EmbeddedSource(id string) ([]byte, error) {
	return defaultFiles.ReadFile("defaults/" + id + ".yaml")
}

// Default returns the embedded 2019 ruleset of 红旗区.
func Default() *Ruleset {
	rs, err := Embedded(DefaultID)
	if err != nil {
		panic(err) // the embedded file is tested; this cannot happen in a release
	}
	return rs
}

// EmbeddedIDs lists the ids of the embedded rulesets.
func EmbeddedIDs() []string {
	entries, _ := defaultFiles.ReadDir("defaults")
	var ids []string
	for _, e := range entries {
		ids = append(ids, strings.TrimSuffix(e.Name(), ".yaml"))
	}
	sort.Strings(ids)
	return ids
}
