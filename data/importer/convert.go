package importer

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"hash/maphash"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"csatdesk/data"
)

// Target is what a column of the file holds.
type Target int

// The targets a column can be mapped to.
const (
	TargetIgnore         Target = iota // not imported
	TargetQuestion                     // the answer to a question (ColumnMap.QuestionID)
	TargetCollectedAt                  // the date (and time) the response was collected
	TargetChannel                      // paper, phone, web …
	TargetTag                          // a segment tag (ColumnMap.Tag): location, staff …
	TargetFormNumber                   // the number printed on a paper form
	TargetExternalID                   // the respondent ID of another system
	TargetComment                      // a general comment
	TargetResponseID                   // a CSAT Desk response ID (our own export)
	TargetContactName                  // the customer's name (stored apart: data/contact.go)
	TargetContactPhone                 // the customer's phone
	TargetContactEmail                 // the customer's email
	TargetContactConsent               // "may we contact you?" (yes/no)
)

var targetNames = []string{"ignore", "question", "collected_at", "channel", "tag", "form_number", "external_id", "comment", "response_id",
	"contact_name", "contact_phone", "contact_email", "contact_consent"}

// ContactTarget returns the target of contact field f.
func ContactTarget(f data.ContactField) Target {
	switch f {
	case data.ContactName:
		return TargetContactName
	case data.ContactPhone:
		return TargetContactPhone
	case data.ContactEmail:
		return TargetContactEmail
	}
	return TargetContactConsent
}

// contactField returns the contact field of a contact target.
func (t Target) contactField() (data.ContactField, bool) {
	switch t {
	case TargetContactName:
		return data.ContactName, true
	case TargetContactPhone:
		return data.ContactPhone, true
	case TargetContactEmail:
		return data.ContactEmail, true
	case TargetContactConsent:
		return data.ContactConsent, true
	}
	return "", false
}

// String returns the target's name: "ignore", "question", "collected_at", …
func (t Target) String() string {
	if t >= 0 && int(t) < len(targetNames) {
		return targetNames[t]
	}
	return "target(" + strconv.Itoa(int(t)) + ")"
}

// MarshalText implements encoding.TextMarshaler.
func (t Target) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (t *Target) UnmarshalText(b []byte) error {
	for i, n := range targetNames {
		if n == string(b) {
			*t = Target(i)
			return nil
		}
	}
	return fmt.Errorf("unknown column target %q", b)
}

// MaxTextBytes bounds an open answer or comment. Longer text is refused
// (the row is skipped) rather than cut.
var MaxTextBytes = 32 << 10

// maxIDBytes bounds IDs, form numbers, channels and tags.
const maxIDBytes = 200

// ColumnMap says what one column of the file holds.
type ColumnMap struct {
	Column     int    // 0-based column index
	Header     string // the column's header, for messages
	Target     Target
	QuestionID uint32 // TargetQuestion: the question answered
	Tag        string // TargetTag: the tag name ("location")
	// ValueMap holds scores the user assigned to answers the importer did
	// not recognise: label → scale value. Keys match after NormalizeLabel.
	ValueMap map[string]int `json:",omitempty"`
	// DateLoc is the time zone the column's dates are written in when they
	// carry none (Typeform writes UTC); nil means Mapping.Loc. In JSON it is
	// its name, "DateZone" (a remembered mapping keeps it).
	DateLoc *time.Location `json:"-"`
}

// columnMapJSON is ColumnMap as JSON: DateLoc by name.
type columnMapJSON struct {
	columnMapFields
	DateZone string `json:",omitempty"`
}

type columnMapFields ColumnMap

// MarshalJSON writes c with DateLoc as its time zone's name.
func (c ColumnMap) MarshalJSON() ([]byte, error) {
	j := columnMapJSON{columnMapFields: columnMapFields(c)}
	if c.DateLoc != nil {
		j.DateZone = c.DateLoc.String()
	}
	return json.Marshal(j)
}

// UnmarshalJSON reads what MarshalJSON writes; a time zone this system does
// not know is an error.
func (c *ColumnMap) UnmarshalJSON(b []byte) error {
	var j columnMapJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*c = ColumnMap(j.columnMapFields)
	switch j.DateZone {
	case "":
	case "UTC":
		c.DateLoc = time.UTC
	default:
		loc, err := time.LoadLocation(j.DateZone)
		if err != nil {
			return fmt.Errorf("column %s: time zone %q: %w", c.Name(), j.DateZone, err)
		}
		c.DateLoc = loc
	}
	return nil
}

// Name returns the column for messages: `C (Overall satisfaction)`.
func (c ColumnMap) Name() string {
	return Column{Letter: ColumnLetter(c.Column), Header: c.Header}.Name()
}

// Mapping says how the columns of a file become responses.
type Mapping struct {
	// Columns lists every column of the file, ignored ones included.
	Columns []ColumnMap
	// DateOrder is how numeric dates are read (see ParseDate).
	DateOrder DateOrder
	// Loc is the time zone of the business: dates without a zone are in
	// it, and dates of a column with DateLoc are converted to it. nil: UTC.
	Loc *time.Location `json:"-"`
	// Channel is the channel of rows that name none ("web" for an online
	// form); "" leaves it empty.
	Channel string `json:",omitempty"`
	// DefaultDate is the date of rows without one: every row when no
	// column holds the date, else the rows whose date cell is blank. Zero
	// skips such rows. Report.DefaultDated counts the rows that took it.
	DefaultDate time.Time `json:",omitzero"`
	// NoAnswer lists the answers that mean "no answer" ("N/A", "Не знаю",
	// "99" outside the scale…): in a scored question they are blank
	// answers, counted in Report.NoAnswer. nil or empty means
	// DefaultNoAnswer; a list of one empty string reads no codes at all.
	NoAnswer []string `json:",omitempty"`
	// Incomplete says what becomes of the responses a survey tool marks
	// as not finished (LimeSurvey: a blank submitdate): IncompleteLeaveOut
	// ("" too) or IncompleteInclude. Report.Incomplete counts them.
	Incomplete string `json:",omitempty"`
	// StripFormulaGuard removes the apostrophe CSAT Desk's export puts
	// before text starting with = + - @ (so spreadsheets show it as text).
	StripFormulaGuard bool `json:",omitempty"`
}

// LastContact returns the contact of the row Convert converted last
// (cleaned; empty when the mapping has no contact column or the row left
// them blank). The contact is not part of the response: the caller stores
// it apart (store.ImportBatch.Contacts).
func (c *Converter) LastContact() data.Contact { return c.lastContact.Clean() }

// Validate checks m against survey sv: every column once, questions that
// exist and are mapped once, at most one date, channel, form-number and ID
// column, tag names, every required question still asked (not retired)
// mapped, a date for every row.
func (m *Mapping) Validate(sv *data.Survey) error {
	seen := map[int]bool{}
	qs := map[uint32]string{}
	single := map[Target]string{}
	tags := map[string]string{}
	for _, c := range m.Columns {
		if c.Column < 0 {
			return problemError(KindNoSuchColumn, "N", c.Column)
		}
		if seen[c.Column] {
			return problemError(KindMappedTwice, "Column", c.Name())
		}
		seen[c.Column] = true
		switch c.Target {
		case TargetIgnore, TargetComment:
		case TargetQuestion:
			q, ok := sv.Question(c.QuestionID)
			if !ok {
				return problemError(KindNoSuchQuestion, "Column", c.Name(), "Survey", sv.Name)
			}
			if o, dup := qs[c.QuestionID]; dup {
				return problemError(KindSameQuestion, "Other", o, "Column", c.Name(), "Question", short(q.Text))
			}
			qs[c.QuestionID] = c.Name()
		case TargetTag:
			t := strings.TrimSpace(c.Tag)
			if t == "" {
				return problemError(KindTagWithoutName, "Column", c.Name())
			}
			if t == data.ChannelSegment {
				return problemError(KindTagIsChannel, "Column", c.Name(), "Tag", t)
			}
			if o, dup := tags[t]; dup {
				return problemError(KindSameTag, "Other", o, "Column", c.Name(), "Tag", t)
			}
			tags[t] = c.Name()
		case TargetCollectedAt, TargetChannel, TargetFormNumber, TargetExternalID, TargetResponseID,
			TargetContactName, TargetContactPhone, TargetContactEmail, TargetContactConsent:
			if o, dup := single[c.Target]; dup {
				return problemError(KindSameTarget, "Other", o, "Column", c.Name(), "Target", targetWords(c.Target))
			}
			single[c.Target] = c.Name()
		default:
			return problemError(KindUnknownTarget, "Column", c.Name(), "N", int(c.Target))
		}
	}
	for i, q := range sv.Questions {
		if q.Required && !q.Retired { // retired questions are not asked any more
			if _, ok := qs[q.ID]; !ok {
				return problemError(KindRequiredUnmapped, "Question", q.Ref(i+1))
			}
		}
	}
	if _, ok := single[TargetCollectedAt]; !ok && m.DefaultDate.IsZero() {
		return problemError(KindNoDateColumn)
	}
	return nil
}

// targetWords names what a column is mapped as, for messages ("the
// date").
func targetWords(t Target) data.Problem {
	switch t {
	case TargetCollectedAt:
		return note(KindTargetDate)
	case TargetChannel:
		return note(KindTargetChannel)
	case TargetFormNumber:
		return note(KindTargetFormNumber)
	case TargetExternalID:
		return note(KindTargetRespondent)
	case TargetResponseID:
		return note(KindTargetResponseID)
	}
	return note(KindTargetOther, "Target", t.String())
}

// Problem is one cell (or row) that kept a row from being imported.
type Problem struct {
	Row    int    `json:"row"`    // as a spreadsheet numbers it: the header is row 1
	Col    int    `json:"col"`    // 0-based column, -1 for the whole row
	Column string `json:"column"` // "C (Overall satisfaction)", "" for the whole row
	Value  string `json:"value"`  // the cell as read (cut to 200 characters)
	Reason string `json:"reason"` // in plain English words: Why.String()
	// Why is the reason as a value (kind and arguments), for the window to
	// translate; zero when the problem was made with words only (see
	// Explain).
	Why data.Problem `json:"-"`
}

// String formats the problem in English for a message or a log: "row 12,
// column C (Overall satisfaction): 6 is outside the 1–5 scale".
func (p Problem) String() string { return p.Message().String() }

// Converter turns rows into responses of one survey under one mapping. It
// remembers the IDs it has seen, to refuse a duplicate. Not safe for
// concurrent use.
type Converter struct {
	// lastContact is the contact of the row last converted (LastContact).
	lastContact data.Contact
	sv          *data.Survey
	m           Mapping
	cols        []colPlan
	width       int
	seed        maphash.Seed
	seen        idSet // hashes of the IDs seen, with their rows
	// numeric counts the numeric question columns, to size answer maps.
	numeric int
	// retired lists the columns mapped to retired questions (an export of
	// a revised survey has them): a row that answers one was collected
	// with an older version of the survey (see rowVersion).
	retired []int
	// noAns reads the mapping's no-answer codes.
	noAns noAnswerSet
	// dateFallback is the column whose date an incomplete response takes
	// when Mapping.Incomplete includes them (LimeSurvey's datestamp or
	// startdate); -1 when there is none.
	dateFallback int
	// What the last response Convert returned had: the no-answer codes
	// read as blanks and whether it took Mapping.DefaultDate. RunWith
	// counts them for the rows it imports.
	lastNoAnswer     []string
	lastDefaultDated bool
	// Maps handed back by Recycle (or of refused rows), reused cleared.
	freeAns   []map[uint32]int
	freeTexts []map[uint32]string
	freeTags  []map[string]string
}

// Expect tells c the file has about rows data rows, so that its memory of
// the IDs seen is sized once instead of growing (and rehashing) as the rows
// come. Call it before the first Convert; a wrong guess costs only time.
func (c *Converter) Expect(rows int) {
	c.seen.reserve(min(rows, 1<<21))
}

// Recycle hands the maps of responses the caller no longer uses (a batch
// the store has written) back to c, for later calls of Convert to reuse
// instead of allocating new ones. The responses must not be used again.
func (c *Converter) Recycle(rs []data.Response) {
	for i := range rs {
		c.recycle(&rs[i])
	}
}

func (c *Converter) recycle(r *data.Response) {
	if r.Answers != nil {
		c.freeAns = append(c.freeAns, r.Answers)
		r.Answers = nil
	}
	if r.Texts != nil {
		c.freeTexts = append(c.freeTexts, r.Texts)
		r.Texts = nil
	}
	if r.Tags != nil {
		c.freeTags = append(c.freeTags, r.Tags)
		r.Tags = nil
	}
}

// reuse returns a cleared map from free, or nil when there is none.
func reuse[M ~map[K]V, K comparable, V any](free *[]M) M {
	n := len(*free)
	if n == 0 {
		return nil
	}
	m := (*free)[n-1]
	(*free)[n-1] = nil
	*free = (*free)[:n-1]
	clear(m)
	return m
}

type colPlan struct {
	ColumnMap
	q        data.Question
	assigned map[string]int
	cache    map[string]cached
	// submit: a date column whose blank marks an unfinished response
	// (LimeSurvey's submitdate).
	submit bool
}

type cached struct {
	v    int
	why  data.Problem // why the cell is not a value; zero when it is
	none bool         // a no-answer code: a blank answer
}

const maxCache = 4096

// NewConverter checks m against sv (see Mapping.Validate) and prepares
// the conversion.
func NewConverter(sv *data.Survey, m Mapping) (*Converter, error) {
	if err := m.Validate(sv); err != nil {
		return nil, err
	}
	if m.Loc == nil {
		m.Loc = time.UTC
	}
	c := &Converter{sv: sv, m: m, seed: maphash.MakeSeed(), noAns: newNoAnswerSet(m.NoAnswer), dateFallback: -1}
	if m.Incomplete == IncompleteInclude {
		c.dateFallback = incompleteDateColumn(m.Columns)
	}
	for _, cm := range m.Columns {
		if cm.Column+1 > c.width {
			c.width = cm.Column + 1
		}
		if cm.Target == TargetIgnore {
			continue
		}
		p := colPlan{ColumnMap: cm}
		p.Tag = strings.TrimSpace(p.Tag)
		if cm.Target == TargetQuestion {
			p.q, _ = sv.Question(cm.QuestionID)
			if p.q.Numeric() {
				c.numeric++
			}
			p.cache = map[string]cached{}
			if len(cm.ValueMap) > 0 {
				p.assigned = make(map[string]int, len(cm.ValueMap))
				for k, v := range cm.ValueMap {
					p.assigned[NormalizeLabel(k)] = v
				}
			}
		}
		if cm.Target == TargetCollectedAt {
			p.submit = isSubmitHeader(cm.Header)
		}
		if cm.Target == TargetQuestion && p.q.Retired {
			c.retired = append(c.retired, len(c.cols))
		}
		c.cols = append(c.cols, p)
	}
	return c, nil
}

// rowVersion is the survey version a row was collected with: the current
// one, unless the row answers questions that are retired now, which were
// asked up to a later question's version at most. The row then belongs to
// the newest version that introduced one of them, so questions added in
// place of them (or after them) are not required of it, as
// data.Response.Validate judges a response of an older version.
func (c *Converter) rowVersion(rec []string) int {
	v := 0
	for _, i := range c.retired {
		p := &c.cols[i]
		if strings.TrimSpace(cell(rec, p.Column)) != "" {
			v = max(v, p.q.SinceVersion, 1)
		}
	}
	if v == 0 || v > c.sv.Version {
		return c.sv.Version
	}
	return v
}

// Convert turns row number row into a response. A response is returned only
// whole: when any cell is wrong, problems lists every wrong cell and the
// row must be skipped. A blank answer to an optional question is simply
// absent (blank is not "dissatisfied"). The response has no ID (unless the
// file carries CSAT Desk IDs), EnteredAt or Source: the store sets them.
func (c *Converter) Convert(row int, rec []string) (data.Response, []Problem) {
	r := data.Response{SurveyID: c.sv.ID, SurveyVersion: c.sv.Version}
	if len(c.retired) > 0 {
		r.SurveyVersion = c.rowVersion(rec)
	}
	var probs []Problem
	bad := func(p *colPlan, v string, w data.Problem) {
		probs = append(probs, newProblem(row, p.Column, p.Name(), clip(v), w))
	}
	for i := c.width; i < len(rec); i++ {
		if strings.TrimSpace(rec[i]) != "" {
			probs = append(probs, newProblem(row, i, ColumnLetter(i), clip(rec[i]), note(KindExtraCells, "N", c.width)))
			break
		}
	}
	var idHash uint64 // of the row's external or response ID, when idCol is set
	var idCol *colPlan
	dated := false
	c.lastNoAnswer, c.lastDefaultDated = c.lastNoAnswer[:0], false
	c.lastContact = data.Contact{}
	for i := range c.cols {
		p := &c.cols[i]
		v := cell(rec, p.Column)
		if strings.IndexByte(v, 0) >= 0 {
			bad(p, strings.ReplaceAll(v, "\x00", "␀"), note(KindZeroBytes))
			continue
		}
		if !utf8.ValidString(v) {
			bad(p, strings.ToValidUTF8(v, "�"), note(KindInvalidText))
			continue
		}
		if c.m.StripFormulaGuard && len(v) > 1 && v[0] == '\'' && strings.IndexByte("=+-@\t\r", v[1]) >= 0 {
			v = v[1:]
		}
		t := strings.TrimSpace(v)
		if t != "" && t[0] == '=' && !c.m.StripFormulaGuard { // our own files write text as it is
			t = unformula(t)
		}
		switch p.Target {
		case TargetQuestion:
			q := p.q
			if t == "" {
				if q.RequiredIn(r.SurveyVersion) {
					bad(p, v, note(KindRequiredBlank))
				}
				continue
			}
			if !q.Numeric() {
				if !q.RequiredIn(r.SurveyVersion) && (c.noAns.matchText(t) || c.noAns.matchNegative(t)) { // "N/A", "-", a coded -2: no answer
					c.lastNoAnswer = append(c.lastNoAnswer, t)
					continue
				}
				if len(t) > MaxTextBytes {
					bad(p, v, note(KindAnswerTooLong, "N", MaxTextBytes>>10))
					continue
				}
				if r.Texts == nil {
					if r.Texts = reuse(&c.freeTexts); r.Texts == nil {
						r.Texts = map[uint32]string{}
					}
				}
				r.Texts[q.ID] = t
				continue
			}
			cv, ok := p.cache[t]
			if !ok {
				if c.noAns.match(q, t, p.assigned) {
					cv.none = true
				} else {
					var err error
					cv.v, err = parseValue(q, t, p.assigned)
					if err != nil {
						cv.why = why(err)
					}
				}
				if len(p.cache) < maxCache {
					p.cache[t] = cv
				}
			}
			if cv.none {
				// "N/A", "Не знаю": a blank answer.
				if q.RequiredIn(r.SurveyVersion) {
					bad(p, v, note(KindRequiredBlank))
					continue
				}
				c.lastNoAnswer = append(c.lastNoAnswer, t)
				continue
			}
			if !cv.why.IsZero() {
				bad(p, v, cv.why)
				continue
			}
			if r.Answers == nil {
				if r.Answers = reuse(&c.freeAns); r.Answers == nil {
					r.Answers = make(map[uint32]int, c.numeric)
				}
			}
			r.Answers[q.ID] = cv.v
		case TargetCollectedAt:
			if t == "" && p.submit {
				if c.m.Incomplete != IncompleteInclude {
					c.recycle(&r)
					return data.Response{}, []Problem{newProblem(row, p.Column, p.Name(), "", note(KindIncomplete))}
				}
				if c.dateFallback >= 0 {
					t = strings.TrimSpace(cell(rec, c.dateFallback))
				}
			}
			if t == "" {
				if !c.m.DefaultDate.IsZero() {
					continue
				}
				bad(p, v, note(KindBlankDate))
				continue
			}
			loc := c.m.Loc
			if p.DateLoc != nil {
				loc = p.DateLoc
			}
			at, err := ParseDate(t, c.m.DateOrder, loc)
			if err != nil {
				bad(p, v, why(err))
				continue
			}
			if p.DateLoc != nil {
				at = at.In(c.m.Loc)
			}
			r.CollectedAt, dated = at, true
		case TargetComment:
			if t == "" {
				continue
			}
			if c.noAns.matchText(t) || c.noAns.matchNegative(t) {
				c.lastNoAnswer = append(c.lastNoAnswer, t)
				continue
			}
			if len(t) > MaxTextBytes {
				bad(p, v, note(KindCommentTooLong, "N", MaxTextBytes>>10))
				continue
			}
			if r.Comment != "" {
				r.Comment += "\n"
			}
			r.Comment += t
		case TargetContactName, TargetContactPhone, TargetContactEmail, TargetContactConsent:
			// Kept apart from the response (LastContact); cut, not refused.
			f, _ := p.Target.contactField()
			c.lastContact.Set(f, t)
		default:
			if len(t) > maxIDBytes {
				bad(p, v, note(KindValueTooLong, "N", maxIDBytes))
				continue
			}
			switch p.Target {
			case TargetChannel:
				r.Channel = t
			case TargetTag:
				if t != "" {
					if r.Tags == nil {
						if r.Tags = reuse(&c.freeTags); r.Tags == nil {
							r.Tags = map[string]string{}
						}
					}
					r.Tags[p.Tag] = t
				}
			case TargetFormNumber:
				r.FormNumber = t
			case TargetExternalID:
				r.ExternalID = t
				if t != "" && idCol == nil {
					idHash, idCol = maphash.String(c.seed, t), p
				}
			case TargetResponseID:
				if t == "" {
					continue
				}
				rid, err := data.ParseResponseID(t)
				if err != nil {
					bad(p, v, note(KindNotResponseID))
					continue
				}
				r.ID = rid
				// Salted apart from external IDs: the two never match.
				idHash, idCol = maphash.Bytes(c.seed, rid[:])^0x9e3779b97f4a7c15, p
			}
		}
	}
	if r.Channel == "" {
		r.Channel = c.m.Channel
	}
	if !dated && !c.m.DefaultDate.IsZero() {
		r.CollectedAt = c.m.DefaultDate
		c.lastDefaultDated = true
	}
	if len(probs) > 0 {
		c.recycle(&r)
		return data.Response{}, probs
	}
	// The checks of data.Response.Validate that the cells above have not
	// made already (FuzzReadCSV holds the two in step).
	if r.CollectedAt.IsZero() {
		c.recycle(&r)
		return data.Response{}, []Problem{newProblem(row, -1, "", "", note(data.KindNoDate))}
	}
	if y := r.CollectedAt.Year(); y < 1990 || y > 2200 {
		c.recycle(&r)
		p := &colPlan{ColumnMap: ColumnMap{Column: -1}}
		for i := range c.cols {
			if c.cols[i].Target == TargetCollectedAt {
				p = &c.cols[i]
			}
		}
		if p.Column < 0 {
			return data.Response{}, []Problem{newProblem(row, -1, "", "", note(data.KindImplausibleDate, "Date", r.CollectedAt.Format("2006-01-02")))}
		}
		return data.Response{}, []Problem{newProblem(row, p.Column, p.Name(), clip(cell(rec, p.Column)),
			note(KindDateOutOfRange, "Date", r.CollectedAt.Format("2006-01-02")))}
	}
	if idCol != nil {
		if first, dup := c.seen.add(idHash, row); dup {
			c.recycle(&r)
			return data.Response{}, []Problem{newProblem(row, idCol.Column, idCol.Name(), clip(cell(rec, idCol.Column)),
				note(KindDuplicateID, "Row", first))}
		}
	}
	return r, nil
}

// clip cuts a value for a report: 200 characters at most.
func clip(s string) string {
	const max = 200
	if len(s) <= max {
		return s
	}
	rs := []rune(s)
	if len(rs) <= max {
		return s
	}
	return string(rs[:max-1]) + "…"
}

// MaxProblems bounds the problems a Report keeps; the rest are counted in
// Report.Omitted.
var MaxProblems = 100000

// Report tells what an import did: rows read, imported, skipped, and why.
type Report struct {
	File     string `json:"file"`
	Read     int    `json:"read"`     // data rows read, blank rows included
	Imported int    `json:"imported"` // responses handed over
	Skipped  int    `json:"skipped"`  // rows refused; see Problems
	// Failed lists the rows skipped for a problem in the file itself (not
	// those imported before), by row number in file order: the rows to
	// write out for the user to fix and import again.
	Failed []int `json:"failed,omitempty"`
	Blank  int   `json:"blank"` // rows with every cell empty, passed over
	// Incomplete counts the responses left out as not finished (a blank
	// LimeSurvey submitdate; see Mapping.Incomplete). They are counted in
	// Skipped too, but are neither problems nor failed rows.
	Incomplete int `json:"incomplete,omitempty"`
	// DefaultDated counts the imported rows dated with Mapping.DefaultDate
	// (no date column, or a blank date cell): "dated by hand".
	DefaultDated int `json:"default_dated,omitempty"`
	// NoAnswer lists the no-answer codes (Mapping.NoAnswer) read as blank
	// answers in the imported rows, with how often, most frequent first.
	NoAnswer []ValueCount `json:"no_answer,omitempty"`
	Problems []Problem    `json:"problems"` // at most MaxProblems
	Omitted  int          `json:"omitted"`  // problems not kept
}

func (r *Report) add(ps []Problem) {
	for _, p := range ps {
		if len(r.Problems) < MaxProblems {
			r.Problems = append(r.Problems, p)
		} else {
			r.Omitted++
		}
	}
}

// WriteCSV writes the problems as a CSV file a spreadsheet opens: a UTF-8
// BOM (so Excel reads it as UTF-8), then row, column, value, reason. Values a
// spreadsheet would run as a formula get a leading apostrophe.
func (r Report) WriteCSV(w io.Writer) error { return r.WriteCSVIn(w, nil) }

// WriteCSVIn is WriteCSV with the reasons written by words (the command
// line's --lang passes a translator's); nil writes them in English.
func (r Report) WriteCSVIn(w io.Writer, words func(data.Problem) string) error {
	if words == nil {
		words = data.Problem.String
	}
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return fmt.Errorf("import report: %w", err)
	}
	cw := csv.NewWriter(w)
	cw.Write([]string{"row", "column", "value", "reason"})
	for _, p := range r.Problems {
		cw.Write([]string{strconv.Itoa(p.Row), guard(p.Column), guard(p.Value), guard(words(p.Explain()))})
	}
	if r.Omitted > 0 {
		cw.Write([]string{"", "", "", words(note(KindMoreNotListed, "N", r.Omitted))})
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("import report: %w", err)
	}
	return nil
}

func guard(s string) string {
	if s != "" && strings.IndexByte("=+-@\t\r", s[0]) >= 0 {
		return "'" + s
	}
	return s
}
