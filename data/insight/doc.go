// Package insight is where CSAT Desk's figures are asked for: the queries
// behind the dashboard and the chart command, with no Fyne and no bbolt in
// them, so the window (package app) and the command line (app/cli) are two
// thin clients of the same code.
//
// It owns:
//   - which questions a figure is computed over ([Choices], [Lineage],
//     [Main], [Satisfaction]): a question together with the retired ones it
//     replaced, so a scale or cut-off change keeps the question's history,
//     and "all satisfaction questions", retired ones included;
//   - the date-range presets of the dashboard ([Presets], [Preset.Range]);
//   - the headline figures with their comparisons ([KPIs], over
//     data.ComputeKPIsOf, the one place the previous period and last year
//     are worked out);
//   - the series each chart draws ([Query]: trend, comparison line,
//     distribution, NPS, segments, volume) and the words around them
//     (titles, subtitles, footers, segment names) in the reader's language
//     through [Texts];
//   - the business's settings (benchmark band, goal, business name) and
//     their load and save over [SettingStore];
//   - goals on CSAT, NPS or CES and their progress ([Goal], [GoalProgress],
//     [LoadGoals]), event notes on the trend ([Note], [LoadNotes]) and a
//     survey's waves with their response rate and entry lag ([WavePlan],
//     [WavesStats], [RecordPrinted]), all stored as settings;
//   - the 95 % ranges of NPS and CES ([NPSEstimate], [CESEstimate]).
//
// Where CSAT is computed: the metrics are pure functions of histograms in
// package data (data.CSATOf, data.Wilson…); the store keeps the per-day
// histograms (its rollups); this package decides which histograms a figure
// adds up. charts/report turns a [Query] into an image.
//
// Texts: every sentence here is English text passed to a Texts value held
// in a variable named lang, so app/translations_test finds the keys as it
// finds the window's lang.L calls.
package insight
