package app

import (
	"slices"

	"csatdesk/data"
	"csatdesk/data/store"
)

// modelChange says what changed in the store.
type modelChange int

const (
	// surveysChanged: a survey was created, saved, renamed, archived or
	// deleted (and responses may have changed too).
	surveysChanged modelChange = iota
	// responsesChanged: responses were added, edited, deleted, restored or
	// imported; the surveys are the same.
	responsesChanged
)

// surveyModel is the one list of surveys and response counts the screens
// read, instead of each keeping its own copy that goes stale. Every save
// anywhere (entry, verify, import, designer, delete, undo) calls changed,
// which re-reads the store once and tells every subscriber.
type surveyModel struct {
	st      *store.Store
	surveys []data.Survey
	stats   map[uint64]store.SurveyStats
	err     error
	subs    []func(modelChange)
}

func newSurveyModel(st *store.Store) *surveyModel {
	m := &surveyModel{st: st}
	m.read()
	return m
}

// subscribe has fn called after every change, on the UI goroutine.
func (m *surveyModel) subscribe(fn func(modelChange)) { m.subs = append(m.subs, fn) }

// changed re-reads the surveys and their counts and tells the subscribers.
func (m *surveyModel) changed(c modelChange) {
	m.read()
	for _, fn := range m.subs {
		fn(c)
	}
}

// read loads the surveys and their response counts from the store.
func (m *surveyModel) read() {
	svs, err := m.st.Surveys()
	stats := make(map[uint64]store.SurveyStats, len(svs))
	for _, sv := range svs {
		if err != nil {
			break
		}
		stats[sv.ID], err = m.st.SurveyStats(sv.ID)
	}
	m.surveys, m.stats, m.err = svs, stats, err
}

// all returns every survey (a copy) and the error of the last read.
func (m *surveyModel) all() ([]data.Survey, error) { return slices.Clone(m.surveys), m.err }

// stat returns the response count and date span of survey id.
func (m *surveyModel) stat(id uint64) store.SurveyStats { return m.stats[id] }

// active returns the surveys that are not archived, and their names for a
// Select.
func (m *surveyModel) active() ([]data.Survey, []string, error) {
	if m.err != nil {
		return nil, nil, m.err
	}
	var active []data.Survey
	var names []string
	for _, s := range m.surveys {
		if !s.Archived {
			active = append(active, s)
			names = append(names, s.Name)
		}
	}
	return active, names, nil
}

// onModelChange brings every screen up to date after a change anywhere:
// a change of surveys reloads every screen's survey list; a change of
// responses refreshes the figures and every count shown.
func (u *UI) onModelChange(c modelChange) {
	if c == surveysChanged {
		u.dash.reload()
		u.surveys.reload()
		u.entry.reload()
		u.browse.reload()
		u.imports.reload()
		u.verify.reload()
		return
	}
	u.dash.refresh()
	u.surveys.reload()
	u.verify.countsChanged()
	u.browse.responsesChanged()
}
