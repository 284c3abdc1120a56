package statistics

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/tiendo/tiendo/models/calendar"
)

type qualityPlan struct {
	ID        int64         `db:"id"`
	DocNumber string        `db:"doc_number"`
	DocNo     int           `db:"doc_no"`
	DocSymbol string        `db:"doc_symbol"`
	IssuedOn  calendar.Date `db:"issued_on"`
	Year      int           `db:"year"`
	Title     string        `db:"title"`
}

func (p qualityPlan) ref() RecordRef {
	return RecordRef{Kind: "plan", ID: p.ID, Label: p.DocNumber + " ngày " + p.IssuedOn.VN() + " – " + p.Title}
}

// planFindings checks the register of year under Decree 30/2020: a number is
// used once per symbol and year, the issue date lies in the plan's year,
// and numbers rise with the issue date (they are taken in order).
func planFindings(plans []qualityPlan, year int) []Finding {
	out := []Finding{}
	bySymbol := map[string][]qualityPlan{}
	var symbols []string
	for _, p := range plans {
		if p.Year != year {
			continue
		}
		if p.IssuedOn.Year != year {
			out = append(out, finding("issued_outside_year", fmt.Sprintf(
				"kế hoạch %s của năm %d có ngày ban hành %s, ngoài năm kế hoạch", p.DocNumber, year, p.IssuedOn.VN()), p.ref()))
		}
		if _, seen := bySymbol[p.DocSymbol]; !seen {
			symbols = append(symbols, p.DocSymbol)
		}
		bySymbol[p.DocSymbol] = append(bySymbol[p.DocSymbol], p)
	}
	for _, sym := range symbols {
		out = append(out, duplicateFindings(bySymbol[sym], year)...)
		out = append(out, orderFindings(bySymbol[sym], year)...)
	}
	return out
}

// duplicateFindings names every number used by more than one plan.
func duplicateFindings(plans []qualityPlan, year int) []Finding {
	byNo := map[int][]RecordRef{}
	var nos []int
	for _, p := range plans {
		if _, seen := byNo[p.DocNo]; !seen {
			nos = append(nos, p.DocNo)
		}
		byNo[p.DocNo] = append(byNo[p.DocNo], p.ref())
	}
	slices.Sort(nos)
	var out []Finding
	for _, no := range nos {
		if refs := byNo[no]; len(refs) > 1 {
			number := plans[slices.IndexFunc(plans, func(p qualityPlan) bool { return p.DocNo == no })].DocNumber
			out = append(out, finding("duplicate_number", fmt.Sprintf("số %s được dùng cho %d kế hoạch trong năm %d",
				number, len(refs), year), refs...))
		}
	}
	return out
}

// orderFindings flags a number issued before a lower one: either date or
// number is likely wrong. Plans dated outside the year are left out, as
// they already have their own finding.
func orderFindings(plans []qualityPlan, year int) []Finding {
	var in []qualityPlan
	for _, p := range plans {
		if p.IssuedOn.Year == year {
			in = append(in, p)
		}
	}
	slices.SortFunc(in, func(a, b qualityPlan) int {
		return cmp.Or(cmp.Compare(a.DocNo, b.DocNo), a.IssuedOn.Compare(b.IssuedOn))
	})
	var out []Finding
	for i := 1; i < len(in); i++ {
		prev, cur := in[i-1], in[i]
		if cur.DocNo > prev.DocNo && cur.IssuedOn.Before(prev.IssuedOn) {
			out = append(out, finding("number_out_of_order", fmt.Sprintf(
				"số %s ngày %s ban hành trước số %s ngày %s", cur.DocNumber, cur.IssuedOn.VN(), prev.DocNumber,
				prev.IssuedOn.VN()), prev.ref(), cur.ref()))
		}
	}
	return out
}
