package plans_test

import (
	"encoding/json"
	"math"
	"reflect"
	"testing"
	"time"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/plans"
)

// tricky is a string every escape rule of encoding/json applies to.
const tricky = "Tổ \"số\" <b>&</b> \\ \n\t\b\f\x01\x7f \u2028\u2029 \xff\xfe end"

// filled sets every exported field of v (a struct, through a pointer) to a
// value that is not zero, following pointers and slices, so that a field
// added to Task is written by this test whether or not AppendJSON knows it.
func filled(v reflect.Value, n *int) {
	*n++
	switch v.Interface().(type) {
	case time.Time:
		v.Set(reflect.ValueOf(time.Date(2024, 9, 30, 9, 0, 0, 123456789+*n, time.FixedZone("ICT", 7*3600))))
		return
	case calendar.Date:
		v.Set(reflect.ValueOf(calendar.Date{Year: 2024, Month: 10, Day: 1 + *n%28}))
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				filled(v.Field(i), n)
			}
		}
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		filled(v.Elem(), n)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		filled(v.Index(0), n)
		filled(v.Index(1), n)
	case reflect.String:
		v.SetString(tricky)
	case reflect.Int, reflect.Int64, reflect.Int32:
		v.SetInt(int64(1000 + *n))
	case reflect.Float64:
		v.SetFloat([]float64{0.5, 1.5e-7, 2.5e21, 12345.678, 1e20}[*n%5])
	case reflect.Bool:
		v.SetBool(true)
	}
}

// TestTaskJSONMatchesEncodingJSON: the hand-written encoder writes every
// field of a task exactly as encoding/json does, for a task with every field
// set (a field added to Task and not to AppendJSON fails here) and for an
// empty one, and a page of them likewise.
func TestTaskJSONMatchesEncodingJSON(t *testing.T) {
	var full plans.Task
	n := 0
	filled(reflect.ValueOf(&full).Elem(), &n)
	for name, task := range map[string]plans.Task{"every field set": full, "zero": {}} {
		want, err := json.Marshal(&task)
		if err != nil {
			t.Fatal(err)
		}
		if got := task.AppendJSON(nil); string(got) != string(want) {
			t.Errorf("%s:\n got %s\nwant %s", name, got, want)
		}
	}
	next := "eyJ9<&>"
	for _, page := range []models.Page[plans.Task]{{Items: []plans.Task{full, {}}, Next: &next}, {Items: []plans.Task{}},
		{}} {
		want, _ := json.Marshal(&page)
		got, ok := page.AppendJSON(nil)
		if !ok || string(got) != string(want) {
			t.Errorf("page (%v):\n got %s\nwant %s", ok, got, want)
		}
	}
}

// FuzzTaskJSON holds the encoder to encoding/json for any text, number and
// instant a task can carry.
func FuzzTaskJSON(f *testing.F) {
	f.Add(tricky, "ấp 3", 0.5, int64(1727661600123456789), int64(42))
	f.Add("", "\x00", 1e-7, int64(0), int64(-1))
	f.Add("\xed\xa0\x80", "<script>", 1e21, int64(-62135596800000000), int64(math.MaxInt64))
	f.Fuzz(func(t *testing.T, title, unit string, value float64, nanos, id int64) {
		if math.IsNaN(value) || math.IsInf(value, 0) {
			return // encoding/json refuses them, and no task holds them
		}
		at := time.Unix(0, nanos).In(models.VietnamTime)
		task := plans.Task{ID: id, Title: title, Description: unit + title, TargetUnit: unit, Weight: value,
			TargetValue: &value, CreatedAt: at, UpdatedAt: at.UTC(), ReturnNote: unit, ReportEvery: &unit,
			CompletedAt: &at, AcceptedBy: &id}
		want, err := json.Marshal(&task)
		if err != nil {
			return // a year outside 0–9999, which encoding/json refuses
		}
		if got := task.AppendJSON(nil); string(got) != string(want) {
			t.Errorf("\n got %s\nwant %s", got, want)
		}
	})
}
