package importer

import (
	"reflect"
	"testing"
)

func TestGroupProblemsGathersRowsWithTheSameProblem(t *testing.T) {
	nine := Problem{Col: 2, Column: "C", Value: "nine", Reason: "not an answer"}
	at := func(p Problem, row int) Problem { p.Row = row; return p }
	note := Problem{Col: -1, Reason: "replaces the import of the same file"}
	cases := []struct {
		name string
		in   []Problem
		want []ProblemGroup
	}{
		{"nothing", nil, nil},
		{"one problem", []Problem{at(nine, 15)}, []ProblemGroup{{at(nine, 15), []int{15}}}},
		{"the same problem on three rows", []Problem{at(nine, 15), at(nine, 112), at(nine, 209)},
			[]ProblemGroup{{at(nine, 15), []int{15, 112, 209}}}},
		{"another value or column is another problem",
			[]Problem{at(nine, 3), {Row: 4, Col: 2, Value: "ten", Reason: "not an answer"}, {Row: 5, Col: 3, Value: "nine", Reason: "not an answer"}, at(nine, 6)},
			[]ProblemGroup{{at(nine, 3), []int{3, 6}}, {Problem{Row: 4, Col: 2, Value: "ten", Reason: "not an answer"}, []int{4}}, {Problem{Row: 5, Col: 3, Value: "nine", Reason: "not an answer"}, []int{5}}}},
		{"notes without a row stay alone and in place", []Problem{note, at(nine, 9), note},
			[]ProblemGroup{{Problem: note}, {at(nine, 9), []int{9}}, {Problem: note}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := GroupProblems(c.in); !reflect.DeepEqual(got, c.want) {
				t.Fatalf("got  %+v\nwant %+v", got, c.want)
			}
		})
	}
}
