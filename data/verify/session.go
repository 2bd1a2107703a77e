package verify

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"csatdesk/data"
)

// Session is the saved state of one batch's verification: the second
// entry typed so far, the last comparison and the values settled on. It is
// kept in the store's settings under SessionKey, as JSON.
type Session struct {
	SurveyID uint64 `json:"survey"`
	Date     string `json:"date"`
	From     string `json:"from"`
	To       string `json:"to"`
	// Forms is the second entry, in the order typed.
	Forms []data.Response `json:"forms"`
	// Report is the last comparison; Resolved holds, per mismatch, the
	// value settled on (absent: not yet settled).
	Report   *Report        `json:"report,omitempty"`
	Resolved map[int]string `json:"resolved,omitempty"`
	Done     bool           `json:"done,omitempty"`
	// Updated is when the session was last saved; zero in sessions saved
	// before it was recorded.
	Updated time.Time `json:"updated,omitzero"`
}

// SessionPrefix starts the settings key of every verification session.
const SessionPrefix = "verify:"

// SessionKey is the settings key of a batch's session: the survey, the
// date on the forms and the range of form numbers.
func SessionKey(sid uint64, date, from, to string) string {
	return fmt.Sprintf("%s%d:%s:%s-%s", SessionPrefix, sid, date, from, to)
}

// SessionSurvey returns the survey ID in a session key.
func SessionSurvey(key string) (uint64, bool) {
	rest, ok := strings.CutPrefix(key, SessionPrefix)
	if !ok {
		return 0, false
	}
	id, _, _ := strings.Cut(rest, ":")
	sid, err := strconv.ParseUint(id, 10, 64)
	return sid, err == nil
}

// How long a session is kept after its last save.
const (
	// KeepFinished: a verified batch can be reopened for a month.
	KeepFinished = 30 * 24 * time.Hour
	// KeepAbandoned: a second entry left half-way is given up after half a
	// year.
	KeepAbandoned = 183 * 24 * time.Hour
)

// Stale reports whether s is no longer needed at now: finished and not
// touched for KeepFinished, or unfinished and not touched for
// KeepAbandoned. A session without Updated is never stale by age.
func (s *Session) Stale(now time.Time) bool {
	if s.Updated.IsZero() {
		return false
	}
	keep := KeepAbandoned
	if s.Done {
		keep = KeepFinished
	}
	return now.Sub(s.Updated) > keep
}

// Settings is the part of the store sessions live in (store.Store has it):
// list keys by prefix, read a value, write one (nil deletes).
type Settings interface {
	SettingKeys(prefix string) ([]string, error)
	Setting(key string) ([]byte, error)
	SetSetting(key string, value []byte) error
}

// LoadSession returns the session saved under key, or nil when there is none.
func LoadSession(st Settings, key string) (*Session, error) {
	b, err := st.Setting(key)
	if err != nil || b == nil {
		return nil, err
	}
	s := &Session{}
	if err := json.Unmarshal(b, s); err != nil {
		return nil, fmt.Errorf("verification session %s: %w: %w", key, ErrUnreadable, err)
	}
	return s, nil
}

// ErrUnreadable marks a saved session whose bytes are not a session (as
// opposed to a store that could not be read): nothing can resume it.
var ErrUnreadable = errors.New("not a verification session")

// SaveSession stamps s with now and saves it under key.
func SaveSession(st Settings, key string, s *Session, now time.Time) error {
	s.Updated = now
	b, err := json.Marshal(s)
	if err != nil {
		return fmt.Errorf("verification session %s: %w", key, err)
	}
	return st.SetSetting(key, b)
}

// PruneSessions deletes the sessions no longer needed: those of surveys
// that are gone (surveyExists false), those that cannot be read, and stale
// ones (see Stale). Sessions saved before Updated was recorded are stamped
// with now, so they age from today. It returns how many it deleted.
func PruneSessions(st Settings, surveyExists func(uint64) bool, now time.Time) (int, error) {
	keys, err := st.SettingKeys(SessionPrefix)
	if err != nil {
		return 0, err
	}
	removed := 0
	for _, key := range keys {
		sid, ok := SessionSurvey(key)
		drop := !ok || !surveyExists(sid)
		if !drop {
			s, err := LoadSession(st, key)
			switch {
			case errors.Is(err, ErrUnreadable):
				drop = true // nothing can resume it
			case err != nil:
				return removed, err // the store failed: keep the typist's work
			case s == nil:
				continue
			case s.Updated.IsZero():
				if err := SaveSession(st, key, s, now); err != nil {
					return removed, err
				}
			default:
				drop = s.Stale(now)
			}
		}
		if drop {
			if err := st.SetSetting(key, nil); err != nil {
				return removed, err
			}
			removed++
		}
	}
	return removed, nil
}
