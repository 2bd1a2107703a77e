// Package data is the domain of CSAT Desk: surveys and their questions, the
// scales those questions are answered on, responses, and the metrics computed
// from them (CSAT %, mean, NPS, CES, Wilson intervals) over calendar periods.
//
// It depends on the standard library only. Metrics are pure functions of a
// Histogram (a count per scale value), so the same code serves one day, a
// month, a segment or a whole survey; storage keeps per-day histograms
// ("rollups") so a dashboard never scans responses.
//
// Answers are stored as integers on the question's scale:
//
//	rating (CSAT)   1–3, 1–4, 1–5, 1–6, 1–7, 1–10 or 0–10
//	nps             0–10
//	ces             1–7
//	yesno           1 = yes, 0 = no
//	choice          1..len(Choices) (at most 10 choices)
//	text            no number; the answer is free text
//
// A blank answer is simply absent from Response.Answers: it is neither
// satisfied nor dissatisfied and is not counted in any metric.
//
// A survey is revised in one place, Revise (revise.go): once responses
// exist, a question whose kind, scale or cut-off changes is retired and
// asked again under a new ID, and the version goes up; the store applies it
// to every save. Who needs a call back is NeedsFollowUp (followup.go).
//
// Messages for the user are values, not sentences: a Problem is a
// ProblemKind (whose text is the English sentence with {{.Name}}
// placeholders) plus its arguments. Validation errors carry one; Error()
// reads in English, and the window translates the kind (app/problems.go).
package data
