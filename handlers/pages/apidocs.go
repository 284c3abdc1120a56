package pages

import (
	"fmt"
	"html/template"
	"net/http"
	"strings"
	"sync"

	"github.com/gin-gonic/gin"
)

// MountAPIDocs registers /api/v1/docs, the reference page of doc (the API's
// openapi.json, which the router hands over, so that the pages need not
// import the API). The page is server-rendered HTML with the site's own
// stylesheet, no script and no outside asset, so it reads in a commune
// office without internet access. A document it cannot read stops the
// process (and every test) like a broken template does.
func (h *Handler) MountAPIDocs(r *gin.Engine, doc []byte) {
	ref, err := apiReference(doc)
	if err != nil {
		panic(fmt.Sprintf("openapi.json: %v", err))
	}
	h.PageGroup(r).GET("/api/v1/docs", h.Page(func(c *gin.Context) error {
		h.render(c, http.StatusOK, "api_docs", &view{Title: "Tài liệu API", Data: ref})
		return nil
	}))
}

// apiReference arranges a document once: every router of a test run mounts
// the same one.
func apiReference(doc []byte) (*apiDoc, error) {
	refMu.Lock()
	defer refMu.Unlock()
	if d, ok := refCache[string(doc)]; ok {
		return d, nil
	}
	d, err := buildAPIDoc(doc)
	if err == nil {
		refCache[string(doc)] = d
	}
	return d, err
}

var (
	refMu    sync.Mutex
	refCache = map[string]*apiDoc{}
)

// typeOf writes a schema's type in a line: a link to a named schema, "array
// of X", the alternatives of oneOf/anyOf, the enum values, the format.
func typeOf(sch obj) template.HTML {
	var b strings.Builder
	writeType(&b, sch, 0)
	return template.HTML(b.String()) // every piece of text went through esc
}

func writeType(b *strings.Builder, sch obj, depth int) {
	if sch == nil || depth > 4 {
		b.WriteString("any")
		return
	}
	if ref := s(sch["$ref"]); ref != "" {
		name := ref[strings.LastIndex(ref, "/")+1:]
		fmt.Fprintf(b, `<a href="#schema-%s">%s</a>`, esc(name), esc(name))
		return
	}
	for _, key := range []string{"oneOf", "anyOf", "allOf"} {
		if alts := list(sch[key]); len(alts) > 0 {
			sep := " | "
			if key == "allOf" {
				sep = " & "
			}
			for i, a := range alts {
				if i > 0 {
					b.WriteString(sep)
				}
				writeType(b, m(a), depth+1)
			}
			return
		}
	}
	writeBasic(b, sch, depth)
}

// writeBasic writes a schema that names its type ("string", ["string", "null"]).
func writeBasic(b *strings.Builder, sch obj, depth int) {
	var types []string
	switch t := sch["type"].(type) {
	case string:
		types = []string{t}
	case []any:
		for _, x := range t {
			types = append(types, s(x))
		}
	}
	if len(types) == 0 {
		types = []string{"any"}
	}
	for i, t := range types {
		if i > 0 {
			b.WriteString(" | ")
		}
		if t == "array" {
			b.WriteString("array of ")
			writeType(b, m(sch["items"]), depth+1)
			continue
		}
		b.WriteString(esc(t))
	}
	if f := s(sch["format"]); f != "" {
		fmt.Fprintf(b, " (%s)", esc(f))
	}
	if enum := list(sch["enum"]); len(enum) > 0 {
		vals := make([]string, len(enum))
		for i, e := range enum {
			vals[i] = "<code>" + esc(fmt.Sprint(e)) + "</code>"
		}
		b.WriteString(": " + strings.Join(vals, ", "))
	}
}

func esc(s string) string { return template.HTMLEscapeString(s) }
