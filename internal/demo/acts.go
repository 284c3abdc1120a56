package demo

import (
	"context"
	"fmt"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/plans"
)

// The acts of the timeline: each is one Store call, made by the account
// that would have made it, at the moment the loader has set on the clock.

// createPlan records a plan and its tasks, as the office enters a plan and
// its task table on the day it is issued.
func (l *loader) createPlan(ctx context.Context, p *planSpec) error {
	a, err := l.actor(l.spec.author)
	if err != nil {
		return err
	}
	issued, err := optDate(p.issued)
	if err != nil {
		return err
	}
	refs, err := p.references()
	if err != nil {
		return err
	}
	plan, err := l.store.CreatePlan(ctx, a, plans.PlanInput{DocNumber: p.number, IssuedOn: issued, Year: p.year,
		Kind: p.kind, Title: p.title, Summary: p.summary, References: refs, ConfirmDuplicate: p.confirmDuplicate})
	if err != nil {
		return fmt.Errorf("kế hoạch %s: %w", p.number, err)
	}
	l.plans++
	for i := range p.tasks {
		t := &p.tasks[i]
		if l.tasks[t], err = l.createTask(ctx, a, plan.ID, t); err != nil {
			return fmt.Errorf("kế hoạch %s, nhiệm vụ %q: %w", p.number, t.title, err)
		}
		l.taskCount++
	}
	return nil
}

func (l *loader) createTask(ctx context.Context, a *models.Actor, planID int64, t *taskSpec) (int64, error) {
	in := plans.TaskInput{Title: t.title, TargetUnit: t.unit}
	var err error
	if in.StartOn, err = optDate(t.start); err != nil {
		return 0, err
	}
	if in.DueOn, err = optDate(t.due); err != nil {
		return 0, err
	}
	if in.LeadUnitID, err = l.unit(t.lead); err != nil {
		return 0, err
	}
	for _, key := range t.support {
		id, err := l.unit(key)
		if err != nil {
			return 0, err
		}
		in.SupportingUnitIDs = append(in.SupportingUnitIDs, id)
	}
	for _, name := range t.assignees {
		u, err := l.actor(name)
		if err != nil {
			return 0, err
		}
		in.AssigneeIDs = append(in.AssigneeIDs, u.UserID)
	}
	if t.target != 0 {
		v := t.target
		in.TargetValue = &v
	}
	task, err := l.store.CreateTask(ctx, a, planID, in)
	if err != nil {
		return 0, err
	}
	return task.ID, nil
}

// report appends one progress entry; a task with a target reports the
// entry's value as its actual value.
func (l *loader) report(ctx context.Context, t *taskSpec, e entry) error {
	id, err := l.taskID(t)
	if err != nil {
		return err
	}
	a, err := l.actor(e.by)
	if err != nil {
		return err
	}
	pct := e.pct
	in := plans.ProgressInput{Percent: &pct, Note: e.note}
	if t.target != 0 {
		v := e.val
		in.ActualValue = &v
	}
	if _, err := l.store.ReportProgress(ctx, a, id, in); err != nil {
		return fmt.Errorf("tiến độ nhiệm vụ %q: %w", t.title, err)
	}
	l.reports++
	return nil
}

// change moves a deadline or cancels a task; the reason goes into the
// task's description, where the next reader looks for it.
func (l *loader) change(ctx context.Context, t *taskSpec, c change) error {
	id, err := l.taskID(t)
	if err != nil {
		return err
	}
	a, err := l.actor(c.by)
	if err != nil {
		return err
	}
	patch := plans.TaskPatch{Description: models.Some(c.note)}
	if c.due != "" {
		d, err := optDate(c.due)
		if err != nil {
			return err
		}
		patch.DueOn = models.Some(d)
	}
	if c.cancel {
		patch.Cancelled = models.Some(true)
	}
	if _, err := l.store.UpdateTask(ctx, a, id, 0, patch); err != nil {
		return fmt.Errorf("sửa nhiệm vụ %q: %w", t.title, err)
	}
	return nil
}

// taskID fails when the data dates an act before the plan was entered.
func (l *loader) taskID(t *taskSpec) (int64, error) {
	id, ok := l.tasks[t]
	if !ok {
		return 0, fmt.Errorf("demo data: nhiệm vụ %q chưa được tạo (ghi nhận trước ngày nhập kế hoạch?)", t.title)
	}
	return id, nil
}
