package web

import (
	"fmt"
	"strings"

	"github.com/attain-tool/attain/rules"
)

// rulesetChoice is a ruleset the page offers: the server's own (ID "")
// and each embedded one. They are parsed once and only read.
type rulesetChoice struct {
	ID    string
	Label string
	rs    *rules.Ruleset
}

func rulesetChoices(def *rules.Ruleset, file string) []rulesetChoice {
	label := def.Title + "（" + def.ID + "）"
	if file != "" {
		label = "启动时指定：" + file + "（" + def.Title + "）"
	}
	out := []rulesetChoice{{ID: "", Label: label, rs: def}}
	for _, id := range rules.EmbeddedIDs() {
		if file == "" && id == def.ID {
			continue // the default is this one
		}
		rs, err := rules.Embedded(id)
		if err != nil {
			continue // the embedded files are tested; skip rather than fail to start
		}
		out = append(out, rulesetChoice{ID: id, Label: "内置：" + rs.Title + "（" + id + "）", rs: rs})
	}
	return out
}

// chosenRules is the ruleset of a request and where it came from.
type chosenRules struct {
	rs *rules.Ruleset
	// id is the embedded choice ("" for the server's own); file the name
	// of an uploaded rule file.
	id   string
	file string
	// diags are every problem of an uploaded file, warnings included.
	diags rules.Diagnostics
}

// pickRules is the ruleset a request names: an uploaded rule file (the
// file part rules), an embedded id (the field rules or ruleset), or the
// server's own. A rule file with errors is an *InputError holding them,
// as `attain evaluate --rules` reports them; the chosenRules then still
// says which file it was and all its problems.
func (s *Server) pickRules(up *upload, id string) (chosenRules, error) {
	if up != nil {
		rs, diags := rules.Parse(up.Name, up.Data)
		c := chosenRules{rs: rs, file: up.Name, diags: diags}
		if diags.HasErrors() {
			c.rs = nil
			return c, &InputError{Diags: diags.Errors()}
		}
		return c, nil
	}
	id = strings.TrimSpace(id)
	for _, ch := range s.rulesets {
		if ch.ID == id || id != "" && ch.rs.ID == id && ch.ID == "" {
			return chosenRules{rs: ch.rs, id: ch.ID}, nil
		}
	}
	var ids []string
	for _, ch := range s.rulesets {
		ids = append(ids, ch.rs.ID)
	}
	return chosenRules{}, &InputError{Msg: fmt.Sprintf("没有内置规则集 %q（可用：%s）；自己的规则集请作为文件上传（字段 rules）",
		id, strings.Join(ids, "、"))}
}
