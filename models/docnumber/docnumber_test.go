package docnumber

import "testing"

func TestParse(t *testing.T) {
	cases := []struct {
		in                  string
		no, year            int
		typ, issuer, symbol string
		canonical           string
	}{
		{"06/KH-UBND", 6, 0, "KH", "UBND", "KH-UBND", "06/KH-UBND"},
		{"Số: 6/kh-UBND", 6, 0, "KH", "UBND", "KH-UBND", "06/KH-UBND"},
		{"766/QĐ-TTg", 766, 0, "QĐ", "TTg", "QĐ-TTg", "766/QĐ-TTg"},
		{"25/2019/QĐ-UBND", 25, 2019, "QĐ", "UBND", "QĐ-UBND", "25/2019/QĐ-UBND"},
		{"30/2020/NĐ-CP", 30, 2020, "NĐ", "CP", "NĐ-CP", "30/2020/NĐ-CP"},
		{"123/UBND-VP", 123, 0, "", "UBND-VP", "UBND-VP", "123/UBND-VP"},
		{"05-CT/TW", 5, 0, "CT", "TW", "CT/TW", "05-CT/TW"},
		{"12 / CTr - UBND", 12, 0, "CTr", "UBND", "CTr-UBND", "12/CTr-UBND"},
		{"6/kh-ubnd", 6, 0, "KH", "UBND", "KH-UBND", "06/KH-UBND"},
		{"766/qđ-ttg", 766, 0, "QĐ", "TTg", "QĐ-TTg", "766/QĐ-TTg"},
		{"123/ubnd-vp", 123, 0, "", "UBND-VP", "UBND-VP", "123/UBND-VP"},
		{"05-ct/tw", 5, 0, "CT", "TW", "CT/TW", "05-CT/TW"},
		{"7/KH-bcđ", 7, 0, "KH", "BCĐ", "KH-BCĐ", "07/KH-BCĐ"},
	}
	for _, c := range cases {
		d, err := Parse(c.in)
		if err != nil {
			t.Errorf("%q: %v", c.in, err)
			continue
		}
		if d.No != c.no || d.Year != c.year || d.Type != c.typ || d.Issuer != c.issuer || d.Symbol != c.symbol {
			t.Errorf("%q: got %+v", c.in, d)
		}
		if got := d.String(); got != c.canonical {
			t.Errorf("%q: String() = %q, want %q", c.in, got, c.canonical)
		}
	}
}

func TestParseRejects(t *testing.T) {
	for _, in := range []string{"", "KH-UBND", "06", "06/", "0/KH-UBND", "-1/KH-UBND", "06/KH-", "06/1999x/KH-UBND",
		"06/KH-UBND/extra/x", "abc/KH-UBND", "06/KH_UBND", "06/3000/QĐ-UBND", "06/-UBND", "06/KH--UBND"} {
		if d, err := Parse(in); err == nil {
			t.Errorf("%q: accepted as %+v", in, d)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"06/KH-UBND", "25/2019/QĐ-UBND", "05-CT/TW", "123/UBND-VP", "Số: 1/kh-ubnd", "/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := Parse(s)
		if err != nil {
			return
		}
		// The canonical form must parse back to the same document.
		again, err := Parse(d.String())
		if err != nil || again != d {
			t.Fatalf("%q -> %q -> %+v, %v (want %+v)", s, d.String(), again, err, d)
		}
		if d.No <= 0 || d.Symbol == "" {
			t.Fatalf("%q parsed to incomplete %+v", s, d)
		}
	})
}
