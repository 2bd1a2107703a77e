package insight

import (
	"math"
	"testing"
	"time"

	"csatdesk/data"
	"csatdesk/data/topics"
)

func TestCommentsJoinCommentAndTextsWithTheMainScoresBand(t *testing.T) {
	sv := data.Survey{Language: "lv", Questions: []data.Question{
		{ID: 1, Kind: data.KindRating, Min: 1, Max: 5, SatisfiedFrom: 4, Text: "Kopumā"},
		{ID: 2, Kind: data.KindText, Text: "Ko uzlabot?"},
	}}
	c := NewComments(&sv)
	at := time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC)
	for _, r := range []data.Response{
		{ID: data.ResponseID{1}, CollectedAt: at, Answers: map[uint32]int{1: 2}, Comment: "Lēna apkalpošana", Texts: map[uint32]string{2: "Ātrāk"}},
		{ID: data.ResponseID{2}, CollectedAt: at, Answers: map[uint32]int{1: 5}},
		{ID: data.ResponseID{3}, CollectedAt: at, Texts: map[uint32]string{2: "Tīrs"}, Comment: "Zvaniet: +371 2000 0000"},
		{ID: data.ResponseID{4}, CollectedAt: at, Comment: "Marta, +1 202 555 0143, call me"},
		{ID: data.ResponseID{5}, CollectedAt: at, Comment: "anna@example.com"},
		{ID: data.ResponseID{6}, CollectedAt: at, Answers: map[uint32]int{1: 3}, Comment: "Written on the paper form's margin"},
	} {
		c.Add(&r)
	}
	if len(c.Comments) != 3 || c.Responses[1] != (data.ResponseID{3}) || c.Responses[2] != (data.ResponseID{6}) {
		t.Fatalf("comments %+v", c.Comments)
	}
	if got := c.Comments[2]; got.Text != "Written on the paper form's margin" || got.Band != topics.BandNeutral {
		t.Errorf("a general comment without contact details: %+v", got)
	}
	if got := c.Comments[0]; got.Text != "Ātrāk" || got.Band != topics.BandLow || got.Score != 2 {
		t.Errorf("first comment %+v", got)
	}
	if got := c.Comments[1]; got.Band != topics.BandNone || !math.IsNaN(got.Score) {
		t.Errorf("comment without a score %+v", got)
	}
	if l := TopicLanguage(&data.Survey{Language: "zh-Hant"}); l != "zh_Hant" {
		t.Errorf("TopicLanguage = %s", l)
	}
}
