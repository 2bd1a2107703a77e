package insight

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"csatdesk/data"
)

// Note is an event worth seeing on the trend ("new menu", "renovation"):
// a date and a short text, for one survey or (SurveyID 0) every survey.
type Note struct {
	ID       int      `json:"id"`
	Day      data.Day `json:"day"`
	Text     string   `json:"text"`
	SurveyID uint64   `json:"survey,omitempty"`
}

// NotesKey is the setting the event notes are stored under (a JSON list).
const NotesKey = "notes"

// MaxNoteLen is the longest note text, in characters.
const MaxNoteLen = 80

// Validate checks a note before it is saved.
func (n Note) Validate() error {
	lang := keys // the problems carry keys, rendered later by InputProblem.Text
	t := strings.TrimSpace(n.Text)
	switch {
	case n.Day == 0:
		return &InputProblem{Field: "day", Key: lang.L("Date: type a date as YYYY-MM-DD.")}
	case t == "":
		return &InputProblem{Field: "text", Key: lang.L("Type what happened, e.g. new menu.")}
	case len([]rune(t)) > MaxNoteLen:
		return &InputProblem{Field: "text", Key: lang.L("Keep the note under {{.N}} characters."), Args: map[string]any{"N": MaxNoteLen}}
	}
	return nil
}

// LoadNotes reads the event notes, in date order.
func LoadNotes(st SettingStore) ([]Note, error) {
	b, err := st.Setting(NotesKey)
	if err != nil {
		return nil, fmt.Errorf("read notes: %w", err)
	}
	if b == nil {
		return nil, nil
	}
	var ns []Note
	if err := json.Unmarshal(b, &ns); err != nil {
		return nil, fmt.Errorf("read notes: %w", err)
	}
	sortNotes(ns)
	return ns, nil
}

// SaveNotes stores ns, giving new notes (ID 0) an ID, and returns them in
// date order.
func SaveNotes(st SettingStore, ns []Note) ([]Note, error) {
	out := append([]Note{}, ns...)
	next := 1
	for _, n := range out {
		next = max(next, n.ID+1)
	}
	for i := range out {
		out[i].Text = strings.TrimSpace(out[i].Text)
		if out[i].ID == 0 {
			out[i].ID = next
			next++
		}
	}
	sortNotes(out)
	b, err := json.Marshal(out)
	if err != nil {
		return nil, fmt.Errorf("save notes: %w", err)
	}
	if err := st.SetSetting(NotesKey, b); err != nil {
		return nil, fmt.Errorf("save notes: %w", err)
	}
	return out, nil
}

func sortNotes(ns []Note) {
	sort.SliceStable(ns, func(i, j int) bool {
		if ns[i].Day != ns[j].Day {
			return ns[i].Day < ns[j].Day
		}
		return ns[i].ID < ns[j].ID
	})
}

// NotesIn returns the notes of survey sid (and of every survey) dated
// from..to, in date order.
func NotesIn(ns []Note, sid uint64, from, to data.Day) []Note {
	var out []Note
	for _, n := range ns {
		if (n.SurveyID == 0 || n.SurveyID == sid) && n.Day >= from && n.Day <= to {
			out = append(out, n)
		}
	}
	return out
}
