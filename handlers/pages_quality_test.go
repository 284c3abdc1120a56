package handlers_test

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/tiendo/tiendo/models"
)

// maxPageBytes bounds a page before compression: a hamlet team's phone on a
// weak connection should have the page in a second or two.
const maxPageBytes = 100 << 10

// TestPagesAreAccessibleAndSelfContained reads every page of the table as
// the chairman (and the team member's report form): each form control has a
// label, each image a text alternative, the document a language, nothing is
// fetched from another site, and the page stays small.
func TestPagesAreAccessibleAndSelfContained(t *testing.T) {
	t.Parallel()
	e := newPageEnv(t)
	file := e.reportWithFile(t, e.team, e.mine.ID, e.chairA)
	ids := map[pageTarget]int64{pagePlan: e.plan.ID, pageTask: e.mine.ID, pageFile: file,
		pageUser: e.A.Users[models.RoleOfficer].ID}
	for _, r := range pageRoutes {
		if r.method != "GET" || r.coveredBy != "" || r.target == pageFile {
			continue
		}
		path := strings.Replace(r.path, ":id", itoa(ids[r.target]), 1)
		for _, role := range []models.Role{models.RoleChairman, models.RoleTeamMember, models.RoleAdmin} {
			if want, ok := r.want[role]; ok && want != 200 {
				continue
			}
			rec := e.get(e.user(role), path)
			if rec.Code != 200 {
				t.Errorf("GET %s as %s: %d", path, role, rec.Code)
				continue
			}
			if rec.Body.Len() > maxPageBytes {
				t.Errorf("GET %s as %s: %d bytes, more than %d", path, role, rec.Body.Len(), maxPageBytes)
			}
			for _, p := range pageProblems(rec.Body.Bytes()) {
				t.Errorf("GET %s as %s: %s", path, role, p)
			}
		}
	}
}

// pageProblems lists what makes a page hard to use with a keyboard or a
// screen reader, or dependent on another site.
func pageProblems(page []byte) []string {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return []string{"not HTML: " + err.Error()}
	}
	var problems []string
	labels := map[string]bool{}
	var controls []*html.Node
	var walk func(n *html.Node, inLabel bool)
	walk = func(n *html.Node, inLabel bool) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "html":
				if attr(n, "lang") == "" {
					problems = append(problems, "<html> has no lang")
				}
			case "label":
				labels[attr(n, "for")] = true
				inLabel = true
			case "input", "select", "textarea":
				if !inLabel && attr(n, "aria-label") == "" && !unlabelledInput[attr(n, "type")] {
					controls = append(controls, n)
				}
			case "img":
				if _, ok := attrOK(n, "alt"); !ok {
					problems = append(problems, "<img src="+attr(n, "src")+"> has no alt")
				}
			case "script", "link", "iframe":
				if src := attr(n, "src") + attr(n, "href"); external(src) {
					problems = append(problems, "<"+n.Data+"> loads "+src+" from another site")
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inLabel)
		}
	}
	walk(doc, false)
	for _, c := range controls {
		if id := attr(c, "id"); id == "" || !labels[id] {
			problems = append(problems, "<"+c.Data+" name="+attr(c, "name")+"> has no label")
		}
	}
	return problems
}

// unlabelledInput are the input types that carry their own text or none.
var unlabelledInput = map[string]bool{"hidden": true, "submit": true, "button": true, "reset": true, "image": true}

func external(url string) bool {
	return strings.HasPrefix(url, "http://") || strings.HasPrefix(url, "https://") || strings.HasPrefix(url, "//")
}

func attr(n *html.Node, key string) string {
	v, _ := attrOK(n, key)
	return v
}

func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// TestPageProblemsFindsThem: the checker above sees what it looks for.
func TestPageProblemsFindsThem(t *testing.T) {
	bad := `<html><head><script src="https://cdn.example.com/x.js"></script></head><body>
		<input name="percent"><label for="note">Ghi chú</label><textarea id="note" name="note"></textarea>
		<label>Tệp <input type="file" name="file"></label><input type="hidden" name="csrf">
		<img src="/static/a.png"></body></html>`
	got := strings.Join(pageProblems([]byte(bad)), "; ")
	for _, want := range []string{"no lang", "cdn.example.com", "name=percent> has no label", "no alt"} {
		if !strings.Contains(got, want) {
			t.Errorf("missed %q in: %s", want, got)
		}
	}
	if strings.Contains(got, "note") || strings.Contains(got, "file") || strings.Contains(got, "csrf") {
		t.Errorf("flagged a labelled or hidden control: %s", got)
	}
}
