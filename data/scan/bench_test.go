package scan_test

import (
	"testing"

	"csatdesk/data/scan"
	"csatdesk/data/scan/scantest"
)

// benchClass reads a generated page of one class (generated before the
// timer starts) again and again. The whole corpus is TestCorpusFull's.
func benchClass(b *testing.B, cl scantest.Class) {
	c := scantest.New(7)
	ss := []scantest.Sample{c.Sample(cl, 0)}
	find := c.Finder()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s := ss[i%len(ss)]
		pr, _ := scan.Read(scan.Page{Image: s.Image}, find)
		if !pr.Identified {
			b.Fatalf("%s: %s", s.Name, pr.Problem)
		}
	}
}

func BenchmarkReadScan300(b *testing.B) { benchClass(b, scantest.Scan300) }
func BenchmarkReadScan200(b *testing.B) { benchClass(b, scantest.Scan200) }
func BenchmarkReadBW200(b *testing.B)   { benchClass(b, scantest.BW200) }
func BenchmarkReadPhoto(b *testing.B)   { benchClass(b, scantest.Photo) }
func BenchmarkReadChat(b *testing.B)    { benchClass(b, scantest.Chat) }
