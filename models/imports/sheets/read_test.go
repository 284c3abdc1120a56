package sheets_test

import (
	"testing"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/imports"
	"github.com/tiendo/tiendo/models/imports/sheets"
)

func TestReadCSVSeparatorsAndBOM(t *testing.T) {
	for name, data := range map[string]string{
		"comma":     "\ufeffa,b\n1,\"2,5\"\n",
		"semicolon": "a;b\n1;2,5\n",
		"tab":       "a\tb\n1\t2,5\n",
	} {
		g, err := sheets.ReadCSV([]byte(data))
		if err != nil || len(g.Rows) != 2 || g.Rows[0][0] != "a" || g.Rows[1][1] != "2,5" {
			t.Errorf("%s: %q, %v", name, g.Rows, err)
		}
	}
	if _, err := sheets.ReadCSV([]byte("a;b\n\xff\xfe;x")); err == nil {
		t.Error("non-UTF-8 CSV accepted")
	}
}

func TestTemplateReadsBack(t *testing.T) {
	b, err := sheets.TemplateXLSX("Mẫu", imports.PlanImportColumns)
	if err != nil {
		t.Fatal(err)
	}
	g, err := sheets.Read(b)
	if err != nil || len(g.Rows) != 1 || g.Rows[0][0] != "Số, ký hiệu (doc_number)" {
		t.Fatalf("%q, %v", g.Rows, err)
	}
}

// FuzzRead: any upload is a grid within the limits or a validation error
// naming the file; never a panic.
func FuzzRead(f *testing.F) {
	tpl, _ := sheets.TemplateXLSX("Mẫu", imports.DossierImportColumns)
	for _, s := range [][]byte{[]byte("a;b\n1;2"), []byte("\"unterminated\n"), []byte("PK\x03\x04garbage"), tpl,
		[]byte("a,b\r\n\"x\"\"y\",z\r\n")} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		g, err := sheets.Read(data)
		if err != nil {
			if v, ok := err.(*models.ValidationError); !ok || v.Fields[0].Field != "file" {
				t.Fatalf("error %v", err)
			}
			return
		}
		if len(g.Rows) > 5001 {
			t.Fatalf("%d rows", len(g.Rows))
		}
		for _, r := range g.Rows {
			if len(r) > 60 {
				t.Fatalf("%d columns", len(r))
			}
		}
	})
}
