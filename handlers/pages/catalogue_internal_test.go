package pages

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"strings"
	"testing"

	"github.com/tiendo/tiendo/web"
)

// TestCatalogueHasNoDuplicates reads web/i18n/en.json token by token (a map
// would keep the last of two equal keys in silence): every Vietnamese text
// appears once in the whole catalogue, with a non-empty English text.
func TestCatalogueHasNoDuplicates(t *testing.T) {
	b, err := fs.ReadFile(web.FS, "i18n/en.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range catalogueDuplicates(t, b) {
		t.Error(p)
	}
}

// TestCatalogueDuplicateCheckCanFail feeds the check a catalogue with a key
// twice in one section and once more in another.
func TestCatalogueDuplicateCheckCanFail(t *testing.T) {
	bad := []byte(`{"a": {"Lưu": "Save", "Lưu": "Keep"}, "b": {"Lưu": "Save", "Hủy": ""}}`)
	got := strings.Join(catalogueDuplicates(t, bad), "\n")
	for _, want := range []string{`"Lưu" in a twice`, `"Lưu" in b, already in a`, `"Hủy" in b has no English`} {
		if !strings.Contains(got, want) {
			t.Errorf("want %q among:\n%s", want, got)
		}
	}
}

// catalogueDuplicates lists the problems of a catalogue of sections.
func catalogueDuplicates(t *testing.T, b []byte) []string {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	next := func() json.Token {
		tok, err := dec.Token()
		if err != nil {
			t.Fatalf("catalogue: %v", err)
		}
		return tok
	}
	var problems []string
	where := map[string]string{}
	if next() != json.Delim('{') {
		t.Fatal("catalogue: not an object of sections")
	}
	for dec.More() {
		sec := next().(string)
		if next() != json.Delim('{') {
			t.Fatalf("catalogue: section %s is not an object", sec)
		}
		for dec.More() {
			vi := next().(string)
			en, ok := next().(string)
			switch {
			case where[vi] == sec:
				problems = append(problems, `"`+vi+`" in `+sec+` twice`)
			case where[vi] != "":
				problems = append(problems, `"`+vi+`" in `+sec+`, already in `+where[vi])
			}
			if !ok || en == "" {
				problems = append(problems, `"`+vi+`" in `+sec+` has no English`)
			}
			where[vi] = sec
		}
		next() // the section's closing brace
	}
	return problems
}
