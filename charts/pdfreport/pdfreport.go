// Package pdfreport writes the one-click report of a survey as a PDF: the
// month or quarter a team meeting or the owner looks at, in the survey's
// language, and an optional "results poster" page for the staff room.
//
// The report's first page has the KPI cards (CSAT % with its 95 % range and
// n, the change against the period before with a verdict of "a real
// change" or "within noise", NPS and CES when the survey asks them), the
// goals, the CSAT trend against the benchmark band and the goal line, and
// CSAT per location and channel. The second page has how each rating
// question fared, the comment topics, the follow-up of unhappy customers and
// a few recent comments of unhappy customers — never their contact details.
// A period without responses gets one page that says so, not empty charts.
//
// Two steps keep the figures and the drawing apart:
//
//	in, err := pdfreport.Build(ctx, st, pdfreport.Request{Survey: sv, Settings: s, Period: data.PeriodMonth, At: day})
//	// callers add what other parts of the app know: in.Goals, in.Topics, in.FollowUp
//	err = pdfreport.WriteFile("report.pdf", in, pdfreport.Options{Poster: true})
//
// Build reads every figure through data/insight and package data (the same
// functions the dashboard's cards and charts use), so a figure in the report
// is the figure on the screen. [Input] is a plain struct: the sections that
// other parts of the app own (goals, comment topics, follow-up statuses)
// are optional fields the caller fills, and a section without data is left
// out rather than drawn empty.
//
// The fixed words of the report are in words.go, one table per language
// (en, ru, lv, it, zh_Hans, zh_Hant); the sentences it shares with the
// dashboard (band, goal, segment names, footers) come from the window's
// translation files through data/translate. The PDF is drawn with gopdf
// and the bundled WenQuanYi font, charts with package charts.
package pdfreport

import (
	"time"

	"csatdesk/data"
)

// Input is everything a report shows. Build fills it from the database;
// the optional sections (Goals, Topics, FollowUp.Statuses) are filled by
// callers that know them.
type Input struct {
	// Lang is the report's language: en, ru, lv, it, zh_Hans or zh_Hant.
	Lang     string
	Business string
	Survey   string
	// Question is the text of the question CSAT counts.
	Question string
	// Period is data.PeriodMonth or data.PeriodQuarter; From..To (both
	// inclusive) is the reported period.
	Period   data.Period
	From, To data.Day
	// Created is when the report was made (printed in the footer).
	Created time.Time

	// Responses counts the responses of the period; with none the report
	// is one page saying so.
	Responses uint64
	CSAT      data.CSAT
	// Previous is CSAT in the period before (the month or quarter before).
	Previous data.CSAT
	// NPS and CES are nil when the survey does not ask them.
	NPS *data.NPS
	CES *data.CES
	// BandLow and BandHigh are the benchmark band ("good CSAT"), in %.
	BandLow, BandHigh float64
	// BandLabel names the band on the trend.
	BandLabel string
	// GoalLines are the CSAT % goals the trend draws.
	GoalLines []GoalLine
	// Notes are the events the trend marks.
	Notes []Note
	// Footer says how CSAT is counted.
	Footer string
	// Trend is CSAT per period up to and including the reported one.
	Trend []data.TrendPoint
	// Segments is CSAT per location, channel and staff in the period, best
	// first.
	Segments []Row
	// Questions is CSAT of each other rating question in the period.
	Questions []Row

	// Goals are the business's goals with their progress (optional).
	Goals []Goal
	// Topics are the comment topics of the period (nil: not known).
	Topics *Topics
	// FollowUp is the follow-up of unhappy customers in the period.
	FollowUp FollowUp
	// Comments are a few recent comments of unhappy customers in the
	// period, newest first, without contact details.
	Comments []Comment

	// Praise and Fix are the poster's one-liners ("what customers
	// praise", "what to fix"); empty when nothing supports them.
	Praise, Fix string
}

// Row is CSAT of one segment or question.
type Row struct {
	Label string
	CSAT  data.CSAT
}

// GoalLine is a goal drawn on the trend.
type GoalLine struct {
	Value float64
	Label string
}

// Note is an event marked on the trend ("new menu").
type Note struct {
	Day  data.Day
	Text string
}

// Goal is one goal and how far it is, as the goals' owner works it out.
type Goal struct {
	// Label names the goal as its owner words it ("CSAT 85 % at Old
	// Town by 31 Dec 2026"), in the report's language.
	Label string
	// Metric is "CSAT", "NPS" or "CES"; Target and Current are on its
	// scale (Current NaN when there are no answers yet).
	Metric          string
	Target, Current float64
	// Deadline is the goal's last day (0: none).
	Deadline data.Day
	// Verdict says whether it is reached or on track.
	Verdict Verdict
	// Progress, when set, is the goals' owner's own sentence on the
	// goal's progress ("+3.1 points to go, 2 months left, on track"), in
	// the report's language; it is printed instead of the figures and
	// verdict worked out from Target, Current and Verdict.
	Progress string
}

// Verdict is where a goal stands.
type Verdict int

// The verdicts of a goal.
const (
	VerdictUnknown Verdict = iota
	VerdictOnTrack
	VerdictNotOnTrack
	VerdictReached
)

// Topics are the comment topics of the period.
type Topics struct {
	// Rows are the topics with mentions, most mentioned first.
	Rows []TopicRow
	// Comments counts the comments read, Unmatched those with no topic.
	Comments, Unmatched int
}

// TopicRow is one topic: how many comments mention it, and how many of
// those came from satisfied and from unhappy customers (by their own
// score).
type TopicRow struct {
	Name                         string
	Mentions, Satisfied, Unhappy int
}

// FollowUp is the follow-up of unhappy customers in the period.
type FollowUp struct {
	// ToCallBack counts the responses of the period that need a call back
	// (data.NeedsFollowUp); printed when the statuses are not known.
	ToCallBack int
	// Statuses says whether New, Contacted and Resolved are known (the
	// follow-up list keeps statuses).
	Statuses                 bool
	New, Contacted, Resolved int
}

// Comment is one comment of an unhappy customer, without contact details.
type Comment struct {
	Day        data.Day
	Score, Max int // the main question's answer and its scale's top
	Text       string
}

// Options are how the report is printed.
type Options struct {
	// Poster adds the results poster page for the staff room.
	Poster bool
}
