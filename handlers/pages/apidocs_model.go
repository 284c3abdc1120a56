package pages

import (
	"encoding/json"
	"fmt"
	"html/template"
	"maps"
	"slices"
	"strings"
)

// apiDoc is openapi.json arranged for reading: operations grouped by tag in
// the document's order, then every schema. It is built from the document
// itself, so the page can never describe an API the server does not have.
type apiDoc struct {
	Title, Version, Summary, Description string
	Security                             []apiNamed
	Tags                                 []apiTag
	Schemas                              []apiSchema
}

type apiNamed struct{ Name, Description string }

type apiTag struct {
	Name, Description string
	Ops               []apiOp
}

type apiOp struct {
	Method, Path, Summary, Description, Anchor string
	Public                                     bool
	Params                                     []apiField
	Body                                       []apiMedia
	Responses                                  []apiResponse
}

type apiMedia struct {
	Type   string
	Schema template.HTML
}

type apiResponse struct {
	Status, Description string
	Media               []apiMedia
}

// apiField is a parameter or a schema property.
type apiField struct {
	Name, In, Description string
	Type                  template.HTML
	Required              bool
}

type apiSchema struct {
	Name, Description string
	Type              template.HTML
	Fields            []apiField
}

type obj = map[string]any

var methodOrder = []string{"get", "post", "put", "patch", "delete"}

// buildAPIDoc arranges an OpenAPI 3.1 document; any shape it does not know
// is shown as far as it goes rather than refused.
func buildAPIDoc(raw []byte) (*apiDoc, error) {
	var d obj
	if err := json.Unmarshal(raw, &d); err != nil {
		return nil, err
	}
	info, comps := m(d["info"]), m(d["components"])
	doc := &apiDoc{Title: s(info["title"]), Version: s(info["version"]), Summary: s(info["summary"]),
		Description: s(info["description"])}
	for _, name := range sortedKeys(m(comps["securitySchemes"])) {
		doc.Security = append(doc.Security, apiNamed{name, s(m(m(comps["securitySchemes"])[name])["description"])})
	}
	byTag := map[string]*apiTag{}
	for _, t := range list(d["tags"]) {
		doc.Tags = append(doc.Tags, apiTag{Name: s(m(t)["name"]), Description: s(m(t)["description"])})
	}
	for i := range doc.Tags {
		byTag[doc.Tags[i].Name] = &doc.Tags[i]
	}
	for _, p := range sortedKeys(m(d["paths"])) {
		item := m(m(d["paths"])[p])
		for _, method := range methodOrder {
			if op, ok := item[method].(obj); ok {
				addOp(doc, byTag, comps, p, method, item, op)
			}
		}
	}
	for _, name := range sortedKeys(m(comps["schemas"])) {
		doc.Schemas = append(doc.Schemas, schemaOf(name, m(m(comps["schemas"])[name])))
	}
	return doc, nil
}

// addOp files one operation under its first tag ("other" without one).
func addOp(doc *apiDoc, byTag map[string]*apiTag, comps obj, path, method string, item, op obj) {
	o := apiOp{Method: strings.ToUpper(method), Path: path, Summary: s(op["summary"]),
		Description: s(op["description"]), Anchor: "op-" + s(op["operationId"])}
	sec, declared := op["security"].([]any)
	o.Public = declared && len(sec) == 0
	for _, p := range append(list(item["parameters"]), list(op["parameters"])...) {
		p = resolve(comps, p)
		o.Params = append(o.Params, apiField{Name: s(m(p)["name"]), In: s(m(p)["in"]),
			Description: s(m(p)["description"]), Type: typeOf(m(m(p)["schema"])), Required: m(p)["required"] == true})
	}
	o.Body = mediaOf(m(resolve(comps, op["requestBody"]))["content"])
	for _, status := range sortedKeys(m(op["responses"])) {
		r := m(resolve(comps, m(op["responses"])[status]))
		o.Responses = append(o.Responses, apiResponse{Status: status, Description: s(r["description"]),
			Media: mediaOf(r["content"])})
	}
	tag := "other"
	if tags := list(op["tags"]); len(tags) > 0 {
		tag = s(tags[0])
	}
	if byTag[tag] == nil {
		doc.Tags = append(doc.Tags, apiTag{Name: tag})
		for i := range doc.Tags { // the slice may have moved
			byTag[doc.Tags[i].Name] = &doc.Tags[i]
		}
	}
	byTag[tag].Ops = append(byTag[tag].Ops, o)
}

func mediaOf(content any) []apiMedia {
	var out []apiMedia
	for _, ct := range sortedKeys(m(content)) {
		out = append(out, apiMedia{Type: ct, Schema: typeOf(m(m(m(content)[ct])["schema"]))})
	}
	return out
}

// schemaOf lists a named schema's properties, required ones first.
func schemaOf(name string, sch obj) apiSchema {
	out := apiSchema{Name: name, Description: s(sch["description"]), Type: typeOf(sch)}
	required := map[string]bool{}
	for _, r := range list(sch["required"]) {
		required[s(r)] = true
	}
	props := m(sch["properties"])
	names := sortedKeys(props)
	slices.SortStableFunc(names, func(a, b string) int {
		switch {
		case required[a] == required[b]:
			return 0
		case required[a]:
			return -1
		}
		return 1
	})
	for _, p := range names {
		out.Fields = append(out.Fields, apiField{Name: p, Description: s(m(props[p])["description"]),
			Type: typeOf(m(props[p])), Required: required[p]})
	}
	return out
}

// resolve follows a local $ref ("#/components/responses/NotFound").
func resolve(comps obj, v any) any {
	ref := s(m(v)["$ref"])
	parts := strings.Split(strings.TrimPrefix(ref, "#/components/"), "/")
	if ref == "" || len(parts) != 2 {
		return v
	}
	return m(comps[parts[0]])[parts[1]]
}

func m(v any) obj { o, _ := v.(obj); return o }

func list(v any) []any { l, _ := v.([]any); return l }

func s(v any) string { str, _ := v.(string); return str }

func sortedKeys(o obj) []string { return slices.Sorted(maps.Keys(o)) }

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
