package verify

import (
	"encoding/json"
	"errors"
	"sort"
	"strings"
	"testing"
	"time"
)

// memSettings is a settings bucket in memory.
type memSettings map[string][]byte

func (m memSettings) SettingKeys(prefix string) ([]string, error) {
	var out []string
	for k := range m {
		if strings.HasPrefix(k, prefix) {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out, nil
}

func (m memSettings) Setting(key string) ([]byte, error) { return m[key], nil }

func (m memSettings) SetSetting(key string, v []byte) error {
	if v == nil {
		delete(m, key)
	} else {
		m[key] = v
	}
	return nil
}

func TestSessionKeyNamesItsSurvey(t *testing.T) {
	key := SessionKey(42, "2026-11-20", "A-0001", "A-0050")
	if key != "verify:42:2026-11-20:A-0001-A-0050" {
		t.Errorf("key %q", key)
	}
	if sid, ok := SessionSurvey(key); !ok || sid != 42 {
		t.Errorf("SessionSurvey = %d, %v", sid, ok)
	}
	if _, ok := SessionSurvey("mapping:42"); ok {
		t.Error("a key of something else names a survey")
	}
}

func TestPruneSessionsKeepsOnlyWhatCanStillBeUsed(t *testing.T) {
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	day := 24 * time.Hour
	cases := []struct {
		name     string
		sid      uint64
		sess     *Session // nil: the raw value below
		raw      string
		wantKept bool
	}{
		{"a session in progress", 1, &Session{Updated: now.Add(-10 * day)}, "", true},
		{"a finished session of last week", 1, &Session{Done: true, Updated: now.Add(-7 * day)}, "", true},
		{"a finished session of two months ago", 1, &Session{Done: true, Updated: now.Add(-60 * day)}, "", false},
		{"a second entry abandoned a year ago", 1, &Session{Updated: now.Add(-365 * day)}, "", false},
		{"a session of a deleted survey", 2, &Session{Updated: now}, "", false},
		{"an unreadable session", 1, nil, "{not json", false},
		{"a session saved before times were kept", 1, &Session{Done: true}, "", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := memSettings{"other:setting": []byte("x")}
			key := SessionKey(c.sid, "2026-11-20", "1", "9")
			if c.sess != nil {
				b, _ := json.Marshal(c.sess)
				st[key] = b
			} else {
				st[key] = []byte(c.raw)
			}
			n, err := PruneSessions(st, func(sid uint64) bool { return sid == 1 }, now)
			if err != nil {
				t.Fatal(err)
			}
			_, kept := st[key]
			if kept != c.wantKept || n != map[bool]int{true: 0, false: 1}[c.wantKept] {
				t.Errorf("kept %v (removed %d), want kept %v", kept, n, c.wantKept)
			}
			if st["other:setting"] == nil {
				t.Error("another setting was deleted")
			}
			if kept {
				s, _ := LoadSession(st, key)
				if s.Updated.IsZero() {
					t.Error("a kept session has no time, so it would never age")
				}
			}
		})
	}
}

// failingReads is a store whose reads fail (a disk error, a locked file).
type failingReads struct{ memSettings }

func (failingReads) Setting(string) ([]byte, error) { return nil, errors.New("read error") }

// A store that cannot be read says nothing about the session in it: the
// half-typed second entry must survive the prune, which reports the error.
func TestPruneSessionsKeepsASessionItCouldNotRead(t *testing.T) {
	st := failingReads{memSettings{}}
	key := SessionKey(1, "2026-11-20", "1", "9")
	st.memSettings[key] = []byte(`{"done":false}`)
	n, err := PruneSessions(st, func(uint64) bool { return true }, time.Now())
	if err == nil || n != 0 || st.memSettings[key] == nil {
		t.Errorf("removed %d, err %v, kept %v: a read error deleted the session", n, err, st.memSettings[key] != nil)
	}
}
