package api

import (
	"fmt"
	"net/url"
	"strconv"
	"time"

	"github.com/emersion/go-ical"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/plans"
)

// feedZone is the zone every deadline is read in (a deadline ends at 24:00
// of due_on there); the feed says so, for calendar apps set elsewhere.
const feedZone = "Asia/Ho_Chi_Minh"

// remindAt is the hour of the alarm on the working day before a deadline:
// 08:00, when a commune office opens.
const remindAt = 8 * time.Hour

// feedCalendar writes a person's open deadlines as an RFC 5545 calendar:
// one all-day event per task, with a stable UID and the task's version as
// SEQUENCE, so that a moved deadline updates its event and a finished task
// leaves the calendar at the next refresh.
func feedCalendar(entries []plans.FeedEntry, base *url.URL) *ical.Calendar {
	cal := ical.NewCalendar()
	cal.Props.SetText(ical.PropVersion, "2.0")
	cal.Props.SetText(ical.PropProductID, "-//tiendo//Han nhiem vu//VI")
	cal.Props.SetText(ical.PropCalendarScale, "GREGORIAN")
	cal.Props.SetText("X-WR-CALNAME", "Hạn nhiệm vụ (Tiến độ)")
	cal.Props.SetText("X-WR-TIMEZONE", feedZone)
	refresh := ical.NewProp(ical.PropRefreshInterval)
	refresh.SetDuration(4 * time.Hour)
	cal.Props.Set(refresh)
	// The zone also keeps the calendar non-empty for a person with no open
	// task, which RFC 5545 (and go-ical) require.
	cal.Children = append(cal.Children, vietnamZone())
	for _, e := range entries {
		cal.Children = append(cal.Children, feedEvent(e, base))
	}
	return cal
}

// feedEvent is one deadline: an all-day event on due_on with an alarm at
// 08:00 of the working day before.
func feedEvent(e plans.FeedEntry, base *url.URL) *ical.Component {
	ev := ical.NewEvent()
	link := base.JoinPath("nhiem-vu", strconv.FormatInt(e.TaskID, 10))
	ev.Props.SetText(ical.PropUID, fmt.Sprintf("task-%d@tiendo", e.TaskID))
	ev.Props.SetDateTime(ical.PropDateTimeStamp, e.UpdatedAt.UTC())
	ev.Props.SetDateTime(ical.PropLastModified, e.UpdatedAt.UTC())
	seq := ical.NewProp(ical.PropSequence)
	seq.Value = strconv.Itoa(e.Version)
	ev.Props.Set(seq)
	ev.Props.SetDate(ical.PropDateTimeStart, dateAt(e.DueOn))
	ev.Props.SetDate(ical.PropDateTimeEnd, dateAt(e.DueOn.AddDays(1)))
	ev.Props.SetText(ical.PropSummary, "Hạn: "+e.Title)
	ev.Props.SetText(ical.PropDescription, fmt.Sprintf("Kế hoạch %s: %s\n%s", e.PlanNumber, e.PlanTitle, link))
	ev.Props.SetURI(ical.PropURL, link)
	ev.Props.SetText(ical.PropTransparency, "TRANSPARENT") // a deadline is not a busy day
	alarm := ical.NewComponent(ical.CompAlarm)
	alarm.Props.SetText(ical.PropAction, "DISPLAY")
	alarm.Props.SetText(ical.PropDescription, "Ngày mai đến hạn: "+e.Title)
	trigger := ical.NewProp(ical.PropTrigger)
	trigger.SetDateTime(dateAt(e.RemindOn).Add(remindAt).In(models.VietnamTime).UTC()) // RFC 5545: UTC
	alarm.Props.Set(trigger)
	ev.Children = append(ev.Children, alarm)
	return ev.Component
}

// dateAt is midnight of d in Vietnam.
func dateAt(d calendar.Date) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, models.VietnamTime)
}

// vietnamZone is the VTIMEZONE of Asia/Ho_Chi_Minh: UTC+7 all year.
func vietnamZone() *ical.Component {
	std := ical.NewComponent(ical.CompTimezoneStandard)
	start := ical.NewProp(ical.PropDateTimeStart)
	start.Value = "19700101T000000"
	std.Props.Set(start)
	for _, name := range []string{ical.PropTimezoneOffsetFrom, ical.PropTimezoneOffsetTo} {
		off := ical.NewProp(name) // a UTC-OFFSET, not text
		off.Value = "+0700"
		std.Props.Set(off)
	}
	std.Props.SetText(ical.PropTimezoneName, "ICT")
	tz := ical.NewComponent(ical.CompTimezone)
	tz.Props.SetText(ical.PropTimezoneID, feedZone)
	tz.Children = append(tz.Children, std)
	return tz
}
