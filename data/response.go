package data

import (
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"
)

// ResponseID is a 128-bit identifier that sorts by creation time and is
// unique across machines: 48 bits of Unix milliseconds, then 80 random bits
// (the ULID layout). IDs made in the same millisecond by one process still
// increase.
type ResponseID [16]byte

var idState struct {
	sync.Mutex
	lastMS uint64
	last   ResponseID
}

// NewResponseID returns a fresh ID for time t.
func NewResponseID(t time.Time) ResponseID {
	ms := uint64(t.UnixMilli())
	idState.Lock()
	defer idState.Unlock()
	var id ResponseID
	if ms <= idState.lastMS {
		// Same (or earlier) millisecond: increment the previous random part
		// so IDs stay strictly increasing within this process.
		id = idState.last
		for i := 15; i >= 6; i-- {
			id[i]++
			if id[i] != 0 {
				break
			}
		}
	} else {
		binary.BigEndian.PutUint64(id[:8], ms<<16)
		if _, err := rand.Read(id[6:]); err != nil {
			// crypto/rand never fails on supported platforms.
			panic(fmt.Sprintf("crypto/rand: %v", err))
		}
		idState.lastMS = ms
	}
	idState.last = id
	return id
}

// Time returns the millisecond timestamp embedded in the ID.
func (id ResponseID) Time() time.Time {
	ms := binary.BigEndian.Uint64(id[:8]) >> 16
	return time.UnixMilli(int64(ms))
}

// IsZero reports whether id is unset.
func (id ResponseID) IsZero() bool { return id == ResponseID{} }

// String returns the ID as 32 lower-case hex digits.
func (id ResponseID) String() string { return hex.EncodeToString(id[:]) }

// ParseResponseID parses the form produced by String.
func ParseResponseID(s string) (ResponseID, error) {
	var id ResponseID
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != 16 {
		return id, fmt.Errorf("response ID %q: want 32 hex digits", s)
	}
	copy(id[:], b)
	return id, nil
}

// MarshalText implements encoding.TextMarshaler.
func (id ResponseID) MarshalText() ([]byte, error) { return []byte(id.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (id *ResponseID) UnmarshalText(b []byte) error {
	v, err := ParseResponseID(string(b))
	if err != nil {
		return err
	}
	*id = v
	return nil
}

// Channels a response commonly arrives through. Channel is free text; these
// are the suggestions.
var Channels = []string{"paper", "phone", "in person", "email", "web"}

// Common segment tag names.
const (
	TagLocation = "location"
	TagStaff    = "staff"
	TagProduct  = "product"
)

// Source values.
const (
	SourceManual = "manual"
	SourceMerge  = "merge"
	SourceSample = "sample"
)

// SourceImport returns the Source of a response imported from a file with
// the given content hash: "import:" and the hash's first 16 characters (64
// bits), which tell files apart as well as the whole SHA-256 does for any
// one business's imports. The import record keeps the whole hash; every
// stored response carrying it would cost 48 more bytes.
func SourceImport(hash string) string { return "import:" + hash[:min(len(hash), 16)] }

// Response is one filled-in survey.
type Response struct {
	ID            ResponseID `json:"id"`
	SurveyID      uint64     `json:"survey"`
	SurveyVersion int        `json:"sv"`
	// CollectedAt is the date on the paper form or in the imported file.
	CollectedAt time.Time `json:"at"`
	// EnteredAt is when the response was typed in or imported.
	EnteredAt time.Time `json:"entered"`
	Source    string    `json:"src,omitempty"`
	Channel   string    `json:"ch,omitempty"`
	// Tags are free segment tags such as location, staff, product.
	Tags map[string]string `json:"tags,omitempty"`
	// FormNumber is the number pre-printed on a paper form, if any.
	FormNumber string `json:"form,omitempty"`
	// ExternalID is the respondent ID of an imported file, if any.
	ExternalID string `json:"ext,omitempty"`
	// Answers holds numeric answers by question ID; a blank answer is absent.
	Answers map[uint32]int `json:"a,omitempty"`
	// Texts holds open-text answers by question ID.
	Texts map[uint32]string `json:"t,omitempty"`
	// Comment is a general comment or contact note.
	Comment string `json:"c,omitempty"`
}

// Day returns the civil date of CollectedAt as a day number (days since
// 1970-01-01), in the location CollectedAt carries.
func (r *Response) Day() Day { return DayOf(r.CollectedAt) }

// TagNames returns the response's tag names, sorted.
func (r *Response) TagNames() []string {
	names := make([]string, 0, len(r.Tags))
	for k := range r.Tags {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// Validate checks r against survey s: every answer belongs to a question of
// s and lies on its scale, required questions are answered. Errors read like
// "Question 3 'Delivery speed': 6 is outside the 1–5 scale".
func (r *Response) Validate(s *Survey) error {
	if r.SurveyID != s.ID {
		return invalid(KindOtherSurvey, "Survey", r.SurveyID, "Want", s.ID)
	}
	if r.CollectedAt.IsZero() {
		return invalid(KindNoDate)
	}
	if y := r.CollectedAt.Year(); y < 1990 || y > 2200 {
		return invalid(KindImplausibleDate, "Date", r.CollectedAt.Format("2006-01-02"))
	}
	pos := make(map[uint32]int, len(s.Questions))
	for i, q := range s.Questions {
		pos[q.ID] = i
	}
	for id, v := range r.Answers {
		i, ok := pos[id]
		if !ok {
			return invalid(KindUnknownAnswer, "ID", id, "Survey", s.Name)
		}
		q := s.Questions[i]
		if !q.Numeric() {
			return invalid(KindTakesText, "Question", q.Ref(i+1))
		}
		if v < q.Min || v > q.Max {
			return invalid(KindOutsideScale, "Question", q.Ref(i+1), "Value", v, "Min", q.Min, "Max", q.Max)
		}
	}
	for id := range r.Texts {
		i, ok := pos[id]
		if !ok {
			return invalid(KindUnknownComment, "ID", id, "Survey", s.Name)
		}
		if s.Questions[i].Numeric() {
			return invalid(KindTakesNumber, "Question", s.Questions[i].Ref(i+1))
		}
	}
	for i, q := range s.Questions {
		if !q.RequiredIn(r.SurveyVersion) {
			continue
		}
		answered := false
		if q.Numeric() {
			_, answered = r.Answers[q.ID]
		} else {
			answered = strings.TrimSpace(r.Texts[q.ID]) != ""
		}
		if !answered {
			return &MissingAnswerError{QuestionID: q.ID, Problem: NewProblem(KindRequired, "Question", q.Ref(i+1))}
		}
	}
	for k := range r.Tags {
		if strings.TrimSpace(k) == "" {
			return invalid(KindTagNoName)
		}
		if k == ChannelSegment {
			return invalid(KindTagCalledChannel, "Tag", ChannelSegment)
		}
	}
	return nil
}

// MissingAnswerError reports a required question left blank.
type MissingAnswerError struct {
	QuestionID uint32
	Problem    Problem // KindRequired
}

func (e *MissingAnswerError) Error() string { return e.Problem.String() }

// UserProblem returns the problem, for the window to translate.
func (e *MissingAnswerError) UserProblem() Problem { return e.Problem }

// Unwrap lets errors.Is(err, ErrInvalid) match.
func (e *MissingAnswerError) Unwrap() error { return ErrInvalid }

// IsMissingAnswer reports whether err is a MissingAnswerError and returns it.
func IsMissingAnswer(err error) (*MissingAnswerError, bool) {
	var m *MissingAnswerError
	ok := errors.As(err, &m)
	return m, ok
}
