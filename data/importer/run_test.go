package importer

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"csatdesk/data"
)

// runFile is a CSV in testSurvey's shape: n good rows, a blank row after
// the first, and a row with a score off the scale third.
func runFile(t *testing.T, n int) *File {
	t.Helper()
	var b strings.Builder
	b.WriteString("Date,Overall satisfaction,Food,Why?,Recommend,Branch,ID\n")
	for i := range n {
		score := "5"
		if i == 2 {
			score = "9"
		}
		fmt.Fprintf(&b, "01.09.2023,%s,4,,10,north,R%05d\n", score, i)
		if i == 0 {
			b.WriteString(",,,,,,\n")
		}
	}
	f, err := openBytes(t, "run.csv", []byte(b.String()), Options{})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestRunWithCountsWhatTakeDecides(t *testing.T) {
	conv, err := NewConverter(testSurvey(), testMapping())
	if err != nil {
		t.Fatal(err)
	}
	note := Problem{Col: -1, Reason: "a note about the whole file"}
	var progress []int
	rep, err := RunWith(context.Background(), runFile(t, 2500), conv, RunOptions{
		TotalRows: 2501,
		Progress:  func(rows int, _ float64) { progress = append(progress, rows) },
		Notes:     []Problem{note},
		Take: func(row int, r data.Response) (Fate, error) {
			switch {
			case r.ExternalID == "R00010":
				return Fate{Skip: true, Problem: &Problem{Row: row, Col: -1, Value: r.ExternalID, Reason: "already imported"}}, nil
			case r.ExternalID == "R00011":
				return Fate{Skip: true}, nil
			}
			return Fate{}, nil
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Read != 2501 || rep.Blank != 1 || rep.Imported != 2497 || rep.Skipped != 3 || len(rep.Failed) != 1 {
		t.Errorf("report %+v; want 2501 read, 1 blank, 2497 imported, 3 skipped (1 failed)", rep)
	}
	if len(rep.Problems) != 3 || !reflect.DeepEqual(rep.Problems[0], note) || rep.Problems[2].Value != "R00010" || rep.Problems[2].Row != 13 {
		t.Errorf("problems %+v; want the note, the row off the scale, then R00010 at row 13", rep.Problems)
	}
	if fmt.Sprint(progress) != "[1000 2000 2501]" {
		t.Errorf("progress %v", progress)
	}
}

func TestRunWithStopsOnCancelAndOnTakeErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		take func(cancel func()) func(int, data.Response) (Fate, error)
		want error
		read int
	}{
		{"a cancelled context stops it at the next thousand rows", func(cancel func()) func(int, data.Response) (Fate, error) {
			return func(row int, _ data.Response) (Fate, error) {
				if row == 1500 {
					cancel()
				}
				return Fate{}, nil
			}
		}, context.Canceled, 2000},
		{"an error from Take stops it at once", func(func()) func(int, data.Response) (Fate, error) {
			return func(row int, _ data.Response) (Fate, error) {
				if row == 100 {
					return Fate{}, errSentinel
				}
				return Fate{}, nil
			}
		}, errSentinel, 99},
	} {
		t.Run(tc.name, func(t *testing.T) {
			conv, err := NewConverter(testSurvey(), testMapping())
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			rep, err := RunWith(ctx, runFile(t, 3000), conv, RunOptions{Take: tc.take(cancel)})
			if !errors.Is(err, tc.want) || rep.Read != tc.read {
				t.Errorf("err %v after %d rows; want %v after %d", err, rep.Read, tc.want, tc.read)
			}
		})
	}
}

var errSentinel = errors.New("the store failed")
