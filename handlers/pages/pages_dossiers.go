package pages

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/statistics"
)

// dossiersData is the Data of the dossier statistics page.
type dossiersData struct {
	Year     int
	Years    []int
	Stats    []dossierRow
	PeriodOf []periodGroup
	Channels []channelField
	CanWrite bool
	Warned   bool // the form holds figures that contradict themselves: offer to record them anyway
}

// dossierRow is one period's record with the period's name.
type dossierRow struct {
	statistics.DossierStats
	Title string // "9 tháng đầu năm 2024"; the code for a free range
}

// channelField is one line of the by-channel breakdown on the form; its
// inputs are channels[Index].received and channels[Index].resolved.
type channelField struct {
	Index      int
	Key, Label string
}

// channelKeys are the built-in channels in the order the reports print them.
var channelKeys = []string{"online_full", "online_partial", "in_person", "postal"}

func channelFields() []channelField {
	out := make([]channelField, len(channelKeys))
	for i, k := range channelKeys {
		out[i] = channelField{Index: i, Key: k, Label: statistics.DossierLabels[statistics.DimChannel][k]}
	}
	return out
}

// dossiersPage lists the year's dossier statistics per period and, for
// those who may record them, the form, filled with the chosen period's
// figures when there are some.
func (h *Handler) dossiersPage(c *gin.Context) error {
	a := httpx.Actor(c)
	f, year := h.recordQuery(c)
	if p, err := statistics.ParsePeriod(f.Value("period")); err == nil && a.CanRecordStats() {
		d, err := h.Store.DossierStatsOf(c.Request.Context(), a, p)
		if err != nil && !errors.Is(err, models.ErrNotFound) {
			return err
		}
		fillDossierForm(f, d)
	}
	return h.showDossiers(c, http.StatusOK, year, f, false)
}

// fillDossierForm puts a recorded period's figures in the form.
func fillDossierForm(f *form, d *statistics.DossierStats) {
	if d == nil {
		return
	}
	set := func(name string, n *int) {
		if n != nil {
			f.values.Set(name, strconv.Itoa(*n))
		}
	}
	set("received", &d.Received)
	set("carried_over", &d.CarriedOver)
	set("resolved", &d.Resolved)
	set("resolved_on_time", d.ResolvedOnTime)
	set("no_appointment", d.NoAppointment)
	for _, l := range d.Channels {
		if i := slices.Index(channelKeys, l.Key); i >= 0 {
			set(fmt.Sprintf("channels[%d].received", i), l.Received)
			set(fmt.Sprintf("channels[%d].resolved", i), l.Resolved)
		}
	}
	if !d.AsOf.IsZero() {
		f.values.Set("as_of", d.AsOf.VN())
	}
	f.values.Set("source", d.Source)
	f.values.Set("note", d.Note)
}

// dossierSubmit records a period's counts. Input errors come back beside
// their fields and nothing is written; figures that contradict each other
// (parts that do not add up to the total) are shown beside their fields
// too, and recorded only once the person confirms that the source says so.
func (h *Handler) dossierSubmit(c *gin.Context) error {
	ctx, a := c.Request.Context(), httpx.Actor(c)
	f, p, year, err := h.statsForm(c)
	if err != nil {
		return err
	}
	in, formIndex := readDossierForm(f)
	if !f.Invalid() {
		if err := h.keepOtherBreakdowns(c, p, &in); err != nil {
			return err
		}
	}
	// Every mistake at once: what could not be read, and the model's findings on the rest.
	if err := renumberLines(in.Validate(), formIndex); err != nil || f.Invalid() {
		f.addMissing(err)
		return h.showDossiers(c, http.StatusUnprocessableEntity, year, f, false)
	}
	if ws := in.Check(); len(ws) > 0 && f.Value("confirm") == "" {
		for _, w := range ws {
			f.add(warningField(w.Field), w.Message)
		}
		return h.showDossiers(c, http.StatusUnprocessableEntity, year, f, true)
	}
	if _, err := h.Store.RecordDossierStats(ctx, a, p, in); err != nil {
		if !f.addError(err) {
			return err
		}
		return h.showDossiers(c, http.StatusUnprocessableEntity, year, f, false)
	}
	redirect(c, "/ho-so?year="+strconv.Itoa(year)+"&period="+p.Code+"&flash=saved")
	return nil
}

// readDossierForm reads the counts and the channel lines that have a
// figure, with the form's line index of each line of the input.
func readDossierForm(f *form) (statistics.DossierInput, []int) {
	in := statistics.DossierInput{Received: f.parseInt("received"), CarriedOver: f.parseInt("carried_over"),
		Resolved:       f.parseInt("resolved"),
		ResolvedOnTime: f.parseInt("resolved_on_time"), NoAppointment: f.parseInt("no_appointment"),
		AsOf: f.parseDate("as_of"), Source: f.Value("source"), Note: f.Value("note")}
	var formIndex []int
	for i, key := range channelKeys {
		rec := f.parseInt(fmt.Sprintf("channels[%d].received", i))
		res := f.parseInt(fmt.Sprintf("channels[%d].resolved", i))
		if rec == nil && res == nil {
			continue // a channel left blank is not reported, not zero
		}
		in.Channels = append(in.Channels, statistics.DossierLine{Key: key, Received: rec, Resolved: res})
		formIndex = append(formIndex, i)
	}
	return in, formIndex
}

// keepOtherBreakdowns carries over what the form does not show — the
// breakdowns by field and linked group (imported from a spreadsheet), each
// channel's label as the source printed it, and which channel is "of
// which" another — since recording replaces the period's whole record.
func (h *Handler) keepOtherBreakdowns(c *gin.Context, p statistics.Period, in *statistics.DossierInput) error {
	old, err := h.Store.DossierStatsOf(c.Request.Context(), httpx.Actor(c), p)
	if errors.Is(err, models.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	in.Fields, in.LinkedGroups, in.NoAppointmentFields = old.Fields, old.LinkedGroups, old.NoAppointmentLines
	for i, l := range in.Channels {
		j := slices.IndexFunc(old.Channels, func(o statistics.DossierLine) bool { return o.Key == l.Key })
		if j < 0 {
			continue
		}
		in.Channels[i].Label = old.Channels[j].Label
		if old.Channels[j].Parent == nil {
			continue
		}
		parent := *old.Channels[j].Parent
		if slices.ContainsFunc(in.Channels, func(o statistics.DossierLine) bool { return o.Key == parent }) {
			in.Channels[i].Parent = &parent
		}
	}
	return nil
}

// renumberLines renames channels[i] (the i-th line sent) in a validation
// error to the form's line, so each error lands beside its inputs.
func renumberLines(err error, formIndex []int) error {
	var v *models.ValidationError
	if !errors.As(err, &v) {
		return err
	}
	for k, fe := range v.Fields {
		var i int
		var rest string
		if n, _ := fmt.Sscanf(fe.Field, "channels[%d]%s", &i, &rest); n == 2 && i < len(formIndex) {
			v.Fields[k].Field = fmt.Sprintf("channels[%d]%s", formIndex[i], rest)
		}
	}
	return v
}

// warningField is where the form shows a warning: beside the total it is
// about, or above the form for a breakdown the form does not show.
func warningField(field string) string {
	switch field {
	case "received", "carried_over", "resolved", "resolved_on_time", "no_appointment":
		return field
	}
	if strings.HasPrefix(field, "channels") {
		return "channels"
	}
	return ""
}

// showDossiers renders the page for year with the form f.
func (h *Handler) showDossiers(c *gin.Context, status, year int, f *form, warned bool) error {
	a := httpx.Actor(c)
	list, err := h.Store.ListDossierStats(c.Request.Context(), a, year)
	if err != nil {
		return err
	}
	d := &dossiersData{Year: year, Years: recentYears(h.Today(a)), PeriodOf: periodGroups(pageLang(c)),
		Channels: channelFields(), CanWrite: a.CanRecordStats(), Warned: warned}
	for _, s := range list {
		row := dossierRow{DossierStats: s, Title: s.Period}
		if p, err := statistics.ParsePeriod(s.Period); err == nil {
			row.Title = p.Title()
		}
		d.Stats = append(d.Stats, row)
	}
	h.render(c, status, "dossiers", &view{Title: "Thống kê hồ sơ", Nav: "dossiers", Form: f, Data: d})
	return nil
}
