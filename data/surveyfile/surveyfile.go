// Package surveyfile exports a survey definition to a small, readable JSON
// file and imports it again, so a survey designed on one laptop can be used
// on another. The file holds the survey's name, description, business,
// language and questions, wrapped in a format marker:
//
//	{
//	  "format": "csatdesk-survey",
//	  "version": 1,
//	  "survey": { "name": "…", "questions": [ … ] }
//	}
//
// The store ID, timestamps, version counter and archive flag are left out:
// the receiving store gives the survey its own. Question IDs are kept, so
// responses entered on both laptops refer to the same questions.
package surveyfile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"csatdesk/data"
)

// Format is the value of the "format" field of a survey file.
const Format = "csatdesk-survey"

// Version is the newest file version this package writes and reads.
const Version = 1

// Extension is the customary file name extension.
const Extension = ".csatsurvey.json"

// MaxSize is the largest survey file Read accepts, in bytes.
const MaxSize = 4 << 20

// ErrFormat is wrapped by every error about a file that is not a survey
// file this version can read (as opposed to a survey that is invalid,
// which wraps data.ErrInvalid).
var ErrFormat = errors.New(string(KindNotSurveyFile))

// The problems of a file Read refuses, as data.ProblemKind: the text of
// each is its English rendering (see data.Problem); the window translates
// them.
const (
	KindNotSurveyFile  data.ProblemKind = "not a CSAT Desk survey file"
	KindTooLarge       data.ProblemKind = "not a CSAT Desk survey file: the file is larger than {{.MB}} MB"
	KindEmptyFile      data.ProblemKind = "not a CSAT Desk survey file: the file is empty"
	KindFormatDetail   data.ProblemKind = "not a CSAT Desk survey file: {{.Detail}}"
	KindNoFormatField  data.ProblemKind = "not a CSAT Desk survey file: the \"format\" field is missing"
	KindOtherFormat    data.ProblemKind = "not a CSAT Desk survey file: the \"format\" field is {{.Format}}, want {{.Want}}"
	KindNoVersionField data.ProblemKind = "not a CSAT Desk survey file: the \"version\" field is missing"
	KindNewerVersion   data.ProblemKind = "not a CSAT Desk survey file: the file is version {{.Version}}, made by a newer CSAT Desk; this one reads version {{.Reads}} — please update"
	KindBadVersion     data.ProblemKind = "not a CSAT Desk survey file: the \"version\" field is {{.Version}}, want 1 to {{.Max}}"
	KindNoSurveyField  data.ProblemKind = "not a CSAT Desk survey file: the \"survey\" field is missing"
	KindNotJSON        data.ProblemKind = "the file is not valid JSON (line {{.Line}}: {{.Detail}})"
	KindWrongType      data.ProblemKind = "the field {{.Field}} holds {{.Value}} where {{.Type}} is expected (line {{.Line}})"
	KindCutShort       data.ProblemKind = "the file is empty or cut short"
	KindInvalidSurvey  data.ProblemKind = "the survey in the file is invalid: {{.Why}}"
)

// ProblemKinds lists every kind the package reports, for tests that check
// each has a translation.
var ProblemKinds = []data.ProblemKind{
	KindNotSurveyFile, KindTooLarge, KindEmptyFile, KindFormatDetail, KindNoFormatField, KindOtherFormat,
	KindNoVersionField, KindNewerVersion, KindBadVersion, KindNoSurveyField, KindNotJSON, KindWrongType,
	KindCutShort, KindInvalidSurvey,
}

// formatError is a file Read refuses: a Problem of kind k that wraps
// ErrFormat.
func formatError(k data.ProblemKind, nameValue ...any) error {
	return &data.Error{Problem: data.NewProblem(k, nameValue...), Err: ErrFormat}
}

// invalidSurvey is a file whose survey does not validate: it wraps err
// (and so data.ErrInvalid).
func invalidSurvey(err error) error {
	var why any = err.Error()
	if p, ok := data.ProblemOf(err); ok {
		why = p
	}
	return &data.Error{Problem: data.NewProblem(KindInvalidSurvey, "Why", why), Err: err}
}

type file struct {
	Format  string `json:"format"`
	Version int    `json:"version"`
	Survey  *body  `json:"survey"`
}

type body struct {
	Name           string          `json:"name"`
	Description    string          `json:"description,omitempty"`
	Business       string          `json:"business,omitempty"`
	Language       string          `json:"language,omitempty"`
	Questions      []data.Question `json:"questions"`
	NextQuestionID uint32          `json:"next_question_id,omitempty"`
}

// Write writes sv as an indented JSON survey file. The survey must be
// valid (sv.Validate); its store ID, timestamps, version and archive flag
// are not written.
func Write(w io.Writer, sv data.Survey) error {
	if err := sv.Validate(); err != nil {
		return fmt.Errorf("cannot export the survey: %w", err)
	}
	f := file{Format: Format, Version: Version, Survey: &body{
		Name:           sv.Name,
		Description:    sv.Description,
		Business:       sv.Business,
		Language:       sv.Language,
		Questions:      sv.Questions,
		NextQuestionID: sv.NextQuestionID,
	}}
	b, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return fmt.Errorf("cannot export the survey: %w", err)
	}
	b = append(b, '\n')
	if _, err := w.Write(b); err != nil {
		return fmt.Errorf("cannot write the survey file: %w", err)
	}
	return nil
}

// Read reads a survey file written by Write. The returned survey has no
// store ID or timestamps and Version 1; it is valid. Errors say what is
// wrong: not JSON (with the line), not a survey file, a file from a newer
// CSAT Desk, an unknown field, or an invalid survey naming the question
// (these wrap data.ErrInvalid; the others wrap ErrFormat).
func Read(r io.Reader) (data.Survey, error) {
	raw, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return data.Survey{}, fmt.Errorf("cannot read the survey file: %w", err)
	}
	if len(raw) > MaxSize {
		return data.Survey{}, formatError(KindTooLarge, "MB", MaxSize>>20)
	}
	raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf")) // a BOM added by an editor
	if len(bytes.TrimSpace(raw)) == 0 {
		return data.Survey{}, formatError(KindEmptyFile)
	}

	// First the envelope alone, so a newer version is reported as such
	// even when its survey has fields this version does not know.
	var env struct {
		Format  *string         `json:"format"`
		Version *int            `json:"version"`
		Survey  json.RawMessage `json:"survey"`
	}
	if err := json.Unmarshal(raw, &env); err != nil {
		return data.Survey{}, formatError(KindFormatDetail, "Detail", describeJSONError(raw, err))
	}
	switch {
	case env.Format == nil:
		return data.Survey{}, formatError(KindNoFormatField)
	case *env.Format != Format:
		return data.Survey{}, formatError(KindOtherFormat, "Format", strconv.Quote(*env.Format), "Want", strconv.Quote(Format))
	case env.Version == nil:
		return data.Survey{}, formatError(KindNoVersionField)
	case *env.Version > Version:
		return data.Survey{}, formatError(KindNewerVersion, "Version", *env.Version, "Reads", Version)
	case *env.Version < 1:
		return data.Survey{}, formatError(KindBadVersion, "Version", *env.Version, "Max", Version)
	case len(env.Survey) == 0 || string(env.Survey) == "null":
		return data.Survey{}, formatError(KindNoSurveyField)
	}

	var f file
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return data.Survey{}, formatError(KindFormatDetail, "Detail", describeJSONError(raw, err))
	}
	b := f.Survey
	sv := data.Survey{
		Name:           strings.TrimSpace(b.Name),
		Description:    b.Description,
		Business:       b.Business,
		Language:       b.Language,
		Version:        1,
		Questions:      b.Questions,
		NextQuestionID: b.NextQuestionID,
	}
	if err := sv.Validate(); err != nil {
		return data.Survey{}, invalidSurvey(err)
	}
	// NextQuestionID must stay above every ID, or a question added later
	// would reuse an ID.
	var top uint32
	for _, q := range sv.Questions {
		top = max(top, q.ID)
	}
	if top == math.MaxUint32 {
		return data.Survey{}, invalidSurvey(&data.ValidationError{Problem: data.NewProblem(data.KindQuestionIDTooBig, "ID", top)})
	}
	sv.NextQuestionID = max(sv.NextQuestionID, top+1)
	return sv, nil
}

// describeJSONError turns a decoding error into words with a line number
// (a Problem, or Go's own words for the rare rest).
func describeJSONError(raw []byte, err error) any {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return data.NewProblem(KindNotJSON, "Line", lineOf(raw, se.Offset), "Detail", se.Error())
	case errors.As(err, &te):
		field := te.Field
		if field == "" {
			field = "the top level" // in quotes, as a field name
		}
		return data.NewProblem(KindWrongType, "Field", strconv.Quote(field), "Value", te.Value, "Type", te.Type.String(), "Line", lineOf(raw, te.Offset))
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return data.NewProblem(KindCutShort)
	}
	return err.Error()
}

func lineOf(raw []byte, off int64) int {
	if off > int64(len(raw)) {
		off = int64(len(raw))
	}
	if off < 0 {
		off = 0
	}
	return 1 + bytes.Count(raw[:off], []byte("\n"))
}
