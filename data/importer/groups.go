package importer

// ProblemGroup is one problem that several rows share: the same column,
// value and reason.
type ProblemGroup struct {
	Problem Problem // the first row's problem
	Rows    []int   // the rows, in file order
}

// GroupProblems gathers the problems that differ only by row, in the order
// of their first row, so that a report can say "1,031 rows: "nine" is not
// an answer…" once instead of 1,031 times. Notes without a row stay alone.
func GroupProblems(ps []Problem) []ProblemGroup {
	type key struct {
		col           int
		value, reason string
	}
	var out []ProblemGroup
	at := make(map[key]int)
	for _, p := range ps {
		if p.Row <= 0 {
			out = append(out, ProblemGroup{Problem: p})
			continue
		}
		k := key{p.Col, p.Value, p.Reason}
		if i, ok := at[k]; ok {
			out[i].Rows = append(out[i].Rows, p.Row)
			continue
		}
		at[k] = len(out)
		out = append(out, ProblemGroup{Problem: p, Rows: []int{p.Row}})
	}
	return out
}
