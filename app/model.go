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
// which re-reads what changed once and tells the window (onChange).
type surveyModel struct {
	st       *store.Store
	surveys  []data.Survey
	stats    map[uint64]store.SurveyStats
	err      error
	loaded   bool // read at least once (the window's first reload)
	onChange func(modelChange)
}

// changed re-reads the store — the surveys and their counts when surveys
// changed, only the counts when responses did — and calls onChange.
func (m *surveyModel) changed(c modelChange) {
	if c == surveysChanged || m.err != nil {
		m.surveys, m.err = m.st.Surveys()
	}
	m.readStats()
	m.loaded = true
	if m.onChange != nil {
		m.onChange(c)
	}
}

// readStats loads the response count and date span of every survey.
func (m *surveyModel) readStats() {
	stats := make(map[uint64]store.SurveyStats, len(m.surveys))
	for _, sv := range m.surveys {
		if m.err != nil {
			break
		}
		stats[sv.ID], m.err = m.st.SurveyStats(sv.ID)
	}
	m.stats = stats
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
		u.topics.reload()
		u.compare.reload()
		u.follow.reload()
		u.followUpChanged()
		return
	}
	u.dash.responsesChanged()
	u.surveys.reload()
	u.verify.countsChanged()
	u.browse.responsesChanged()
	u.topics.responsesChanged()
	u.compare.responsesChanged()
	u.follow.responsesChanged()
	u.followUpChanged()
}
