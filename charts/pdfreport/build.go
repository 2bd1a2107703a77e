package pdfreport

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"csatdesk/data"
	"csatdesk/data/bank"
	"csatdesk/data/insight"
	"csatdesk/data/numfmt"
	"csatdesk/data/topics"
	"csatdesk/data/translate"
)

// Source is what Build reads: day histograms (the store's rollups), the
// survey's segments and its responses in a date range. *store.Store
// satisfies it.
type Source interface {
	data.DaySource
	Segments(surveyID uint64) ([]data.Segment, error)
	EachResponse(surveyID uint64, from, to data.Day, fn func(data.Response) error) error
}

// Request is which report to build.
type Request struct {
	Survey   data.Survey
	Settings insight.Settings
	// Period is data.PeriodMonth or data.PeriodQuarter; At is any day in
	// the reported period.
	Period data.Period
	At     data.Day
	// Lang is the report's language; "" means the survey's.
	Lang string
	// Now is when the report is made (zero: time.Now).
	Now time.Time
	// Goals are the business's goals (insight.LoadGoals); nil: the single
	// goal of Settings. The report lists those of the survey with their
	// progress as of the period's last day, and the trend draws its CSAT
	// goals for the whole business.
	Goals []insight.Goal
	// Notes are the event notes ("new menu") the trend marks
	// (insight.LoadNotes).
	Notes []insight.Note
	// Topics, when not nil, is the comment topic dictionary in use
	// (topics.Load): the report counts the period's comment topics with it.
	Topics *topics.Dictionary
}

// Sizes of the report's lists.
const (
	// MaxComments is how many recent comments of unhappy customers the
	// report quotes.
	MaxComments = 5
	// MaxCommentRunes is where a long comment is cut.
	MaxCommentRunes = 280
	// MaxSegments is how many segments the segment table lists.
	MaxSegments = 10
	// trendMonths and trendQuarters are how far back the trend goes.
	trendMonths, trendQuarters = 12, 8
)

// ErrNoQuestion is returned for a survey without a satisfaction question:
// it has no CSAT to report.
var ErrNoQuestion = errors.New("the survey has no satisfaction question to report on")

// Range returns the first and last day of the period p (month or quarter)
// that contains day at.
func Range(p data.Period, at data.Day) (from, to data.Day) {
	from = p.Start(at)
	return from, p.Next(from) - 1
}

// LastComplete returns a day in the last period of kind p that ended
// before now (the default of "report of the last month").
func LastComplete(p data.Period, now time.Time) data.Day {
	today := data.DayFromDate(now.Year(), now.Month(), now.Day())
	return p.Start(today) - 1
}

// Language returns the report language for code ("" or unknown: the
// survey language sv, then English).
func Language(code, survey string) string {
	if strings.TrimSpace(code) != "" {
		return bank.Normalize(code)
	}
	return bank.Normalize(survey)
}

// Build computes a report's figures from src. The caller may add Goals,
// Topics and follow-up statuses before writing it. ctx cancels it.
func Build(ctx context.Context, src Source, r Request) (Input, error) {
	sv := r.Survey
	if r.Period != data.PeriodMonth && r.Period != data.PeriodQuarter {
		return Input{}, fmt.Errorf("report period %q: use month or quarter", r.Period)
	}
	qs, ok := insight.Main(&sv)
	if !ok {
		return Input{}, fmt.Errorf("report of %q: %w", sv.Name, ErrNoQuestion)
	}
	now := r.Now
	if now.IsZero() {
		now = time.Now()
	}
	code := Language(r.Lang, sv.Language)
	lang, err := newTexts(code)
	if err != nil {
		return Input{}, err
	}
	from, to := Range(r.Period, r.At)
	in := Input{Lang: code, Business: r.Settings.Business, Survey: sv.Name, Question: qs[0].Text,
		Period: r.Period, From: from, To: to, Created: now,
		BandLow: r.Settings.BandLow, BandHigh: r.Settings.BandHigh}
	if in.Business == "" {
		in.Business = sv.Business
	}
	days := insight.ChartSource(src, r.Settings)
	choice := insight.Choice{Label: qs[0].Text, Questions: qs}
	k, err := insight.KPIs(days, &sv, choice, data.Segment{}, from, to)
	if err != nil {
		return in, fmt.Errorf("report figures: %w", err)
	}
	in.Responses, in.CSAT = k.Responses, k.CSAT
	if k.HasNPS {
		nps := k.NPS
		in.NPS = &nps
	}
	if k.HasCES {
		ces := k.CES
		in.CES = &ces
	}
	pf, pt := Range(r.Period, from-1)
	if in.Previous, err = data.CSATOfQuestions(days, sv.ID, qs, data.Segment{}, pf, pt); err != nil {
		return in, fmt.Errorf("report figures of the period before: %w", err)
	}
	segs, err := src.Segments(sv.ID)
	if err != nil {
		return in, fmt.Errorf("report segments: %w", err)
	}
	q := insight.Query{Survey: sv, Choice: choice, Segments: segs, From: from, To: to, Period: r.Period,
		Settings: r.Settings, Lang: lang}
	in.BandLabel = q.BandLabel()
	q.Goals, q.Notes = r.Goals, r.Notes
	if q.Goals == nil {
		q.Goals = []insight.Goal{} // LoadGoals offers the settings' goal itself
		if r.Settings.Goal > 0 {
			q.Goals = legacyGoals(r.Settings)
		}
	}
	for _, g := range q.TrendGoals() {
		in.GoalLines = append(in.GoalLines, GoalLine{Value: g.Target, Label: g.Label(lang)})
	}
	if in.Goals, err = goalRows(days, &sv, q.Goals, min(to, data.DayOf(now)), lang); err != nil {
		return in, err
	}
	in.Footer = q.Footer()
	tq := q
	tq.From = from
	back := trendMonths
	if r.Period == data.PeriodQuarter {
		back = trendQuarters
	}
	for range back - 1 {
		tq.From = r.Period.Start(tq.From - 1)
	}
	if in.Trend, err = tq.Trend(days); err != nil {
		return in, fmt.Errorf("report trend: %w", err)
	}
	in.Trend = trimLeadingEmpty(in.Trend)
	if len(in.Trend) > 0 {
		for _, n := range insight.NotesIn(r.Notes, sv.ID, in.Trend[0].Start, to) {
			in.Notes = append(in.Notes, Note{Day: n.Day, Text: n.Text})
		}
	}
	if ctx.Err() != nil {
		return in, ctx.Err()
	}
	rows, err := q.BySegment(days)
	if err != nil {
		return in, fmt.Errorf("report segments: %w", err)
	}
	in.Segments = segmentRows(segs, rows, lang)
	if in.Questions, err = questionRows(days, &sv, qs[0], from, to); err != nil {
		return in, err
	}
	var col *insight.Comments
	if r.Topics != nil {
		col = insight.NewComments(&sv)
	}
	if err := readResponses(ctx, src, &sv, qs, from, to, col, &in); err != nil {
		return in, err
	}
	if col != nil {
		in.Topics = topicRows(col, *r.Topics, insight.TopicLanguage(&sv), code)
	}
	return in, nil
}

// segmentRows orders the segment rows for the report: locations first,
// then channels, then the rest (staff, products…), each best first as
// insight.Query.BySegment gives them, at most MaxSegments.
func segmentRows(segs []data.Segment, rows []insight.SegmentCSAT, lang insight.Texts) []Row {
	rank := map[string]int{}
	for _, s := range segs {
		k := 2
		switch s.Name {
		case data.TagLocation:
			k = 0
		case data.ChannelSegment:
			k = 1
		}
		rank[insight.SegmentName(lang, s)] = k
	}
	out := make([]Row, 0, len(rows))
	for _, s := range rows {
		out = append(out, Row{Label: s.Label, CSAT: s.CSAT})
	}
	sort.SliceStable(out, func(i, j int) bool { return rank[out[i].Label] < rank[out[j].Label] })
	if len(out) > MaxSegments {
		out = out[:MaxSegments]
	}
	return out
}

// trimLeadingEmpty drops the periods before the survey's first answer, so
// a young survey's trend does not start with a row of gaps.
func trimLeadingEmpty(pts []data.TrendPoint) []data.TrendPoint {
	for len(pts) > 0 && pts[0].N == 0 {
		pts = pts[1:]
	}
	return pts
}

// questionRows is CSAT of every active rating question other than main
// (each with the questions it replaced), best first.
func questionRows(src data.DaySource, sv *data.Survey, main data.Question, from, to data.Day) ([]Row, error) {
	var rows []Row
	for _, q := range sv.Active() {
		if q.Kind != data.KindRating || q.ID == main.ID {
			continue
		}
		c, err := data.CSATOfQuestions(src, sv.ID, insight.Lineage(sv, q), data.Segment{}, from, to)
		if err != nil {
			return nil, fmt.Errorf("report figures of %q: %w", q.Text, err)
		}
		if c.N > 0 {
			rows = append(rows, Row{Label: q.Text, CSAT: c})
		}
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].CSAT.Percent > rows[j].CSAT.Percent })
	return rows, nil
}

// readResponses counts the customers to call back and keeps the newest
// comments of unhappy customers.
func readResponses(ctx context.Context, src Source, sv *data.Survey, qs []data.Question, from, to data.Day, col *insight.Comments, in *Input) error {
	var texts []data.Question
	for _, q := range sv.Questions {
		if q.Kind == data.KindText {
			texts = append(texts, q)
		}
	}
	var recent []Comment
	err := src.EachResponse(sv.ID, from, to, func(r data.Response) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if col != nil {
			col.Add(&r) // every comment, for its topics
		}
		q, v, ok := mainAnswer(&r, qs)
		if !ok || v > data.UnhappyMax(q) {
			return nil
		}
		if data.NeedsFollowUp(&r, q) {
			in.FollowUp.ToCallBack++
		}
		if text := CommentText(&r, texts); text != "" {
			recent = append(recent, Comment{Day: r.Day(), Score: v, Max: q.Max, Text: text})
			if len(recent) > 4*MaxComments {
				recent = recent[len(recent)-MaxComments:]
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("report comments: %w", err)
	}
	if len(recent) > MaxComments {
		recent = recent[len(recent)-MaxComments:]
	}
	for i := len(recent) - 1; i >= 0; i-- {
		in.Comments = append(in.Comments, recent[i])
	}
	return nil
}

// mainAnswer is r's answer to the main question or one it replaced.
func mainAnswer(r *data.Response, qs []data.Question) (data.Question, int, bool) {
	for _, q := range qs {
		if v, ok := r.Answers[q.ID]; ok {
			return q, v, true
		}
	}
	return data.Question{}, 0, false
}

var (
	emailRe = regexp.MustCompile(`[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+`)
	// a phone number: 7 or more digits with spaces, dots, dashes,
	// slashes or brackets between them, maybe after a +.
	phoneRe = regexp.MustCompile(`\+?\(?\d[\d\s().\-/]{5,}\d`)
	// a date such as 2026-03-04 or 04.03.2026 is no phone number
	dateRe = regexp.MustCompile(`^(\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4})$`)
)

// isPhone reports whether m, a match of phoneRe, is a phone number.
func isPhone(m string) bool {
	return digits(m) >= 7 && !dateRe.MatchString(strings.TrimSpace(m))
}

// hasContact reports whether s holds an e-mail address or a phone number.
func hasContact(s string) bool {
	if emailRe.MatchString(s) {
		return true
	}
	for _, m := range phoneRe.FindAllString(s, -1) {
		if isPhone(m) {
			return true
		}
	}
	return false
}

func digits(s string) int {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n++
		}
	}
	return n
}

// Redact replaces e-mail addresses and phone numbers in s with "…".
func Redact(s string) string {
	s = emailRe.ReplaceAllString(s, "…")
	return phoneRe.ReplaceAllStringFunc(s, func(m string) string {
		if isPhone(m) {
			return "…"
		}
		return m
	})
}

// CommentText is what the report may quote of r: its open answers (to the
// text questions in texts), contact details taken out, and its general
// comment unless that is a contact note (it holds an address or a phone
// number: then none of it, for a note's other words are usually a name).
// Long texts are cut at MaxCommentRunes.
func CommentText(r *data.Response, texts []data.Question) string {
	var parts []string
	for _, q := range texts {
		if t := strings.TrimSpace(r.Texts[q.ID]); t != "" {
			parts = append(parts, Redact(t))
		}
	}
	if c := strings.TrimSpace(r.Comment); c != "" && !hasContact(c) {
		parts = append(parts, c)
	}
	s := strings.Join(strings.Fields(strings.Join(parts, " · ")), " ")
	if utf8.RuneCountInString(s) > MaxCommentRunes {
		s = string([]rune(s)[:MaxCommentRunes-1]) + "…"
	}
	return s
}

// texts is insight.Texts in a report language, over the window's
// translation files.
type texts struct {
	tr *translate.Translator
	nf numfmt.Format
}

func newTexts(code string) (texts, error) {
	tr, err := translate.For(code)
	if err != nil {
		return texts{}, fmt.Errorf("report language: %w", err)
	}
	return texts{tr: tr, nf: numfmt.For(code)}, nil
}

func (t texts) L(key string, args ...any) string {
	var a data.Args
	if len(args) > 0 {
		if m, ok := args[0].(map[string]any); ok {
			a = data.Args(m)
		}
	}
	return t.tr.Text(key, a)
}

func (t texts) Number(v float64, decimals int) string { return t.nf.Number(v, decimals) }

func (t texts) Day(d data.Day) string { return t.nf.Date(d.Date(time.UTC)) }

// legacyGoals is the single CSAT goal of the business settings as a goal
// (what insight.LoadGoals offers before goals were first saved).
func legacyGoals(s insight.Settings) []insight.Goal {
	g := insight.Goal{Measure: insight.MeasureCSAT, Target: s.Goal}
	if t, err := time.Parse("2006-01-02", s.GoalDate); err == nil {
		g.Deadline = data.DayOf(t)
	}
	return []insight.Goal{g}
}

// goalRows is the progress of the goals of gs measured on sv, as of day
// asOf, in the words of lang.
func goalRows(src data.DaySource, sv *data.Survey, gs []insight.Goal, asOf data.Day, lang insight.Texts) ([]Goal, error) {
	var out []Goal
	for _, g := range insight.GoalsFor(gs, sv.ID) {
		p, err := insight.GoalProgress(src, sv, g, asOf)
		if err != nil {
			return nil, fmt.Errorf("report goal %q: %w", g.Label(lang), err)
		}
		row := Goal{Label: g.Label(lang), Metric: strings.ToUpper(string(g.Measure)), Target: g.Target, Current: p.Current.Value,
			Deadline: g.Deadline, Progress: p.Words(lang)}
		switch p.Status {
		case insight.GoalOnTrack:
			row.Verdict = VerdictOnTrack
		case insight.GoalNotOnTrack, insight.GoalMissed:
			row.Verdict = VerdictNotOnTrack
		case insight.GoalReached, insight.GoalMet:
			row.Verdict = VerdictReached
		}
		out = append(out, row)
	}
	return out, nil
}

// topicRows counts the topics of the comments in col with dictionary d
// (matched in the survey's language surveyLang, named in the report's
// language code): mentions, and how many came from satisfied (high band)
// and unhappy (low band) customers by their own score.
func topicRows(col *insight.Comments, d topics.Dictionary, surveyLang, code string) *Topics {
	m := topics.Compile(d)
	t := &Topics{Comments: len(col.Comments), Unmatched: len(topics.UnmatchedWith(m, col.Comments, surveyLang))}
	for _, c := range topics.CountWith(m, col.Comments, surveyLang) {
		if c.Mentions > 0 {
			t.Rows = append(t.Rows, TopicRow{Name: d.Name(c.ID, code), Mentions: c.Mentions, Satisfied: c.High, Unhappy: c.Low})
		}
	}
	return t
}
