// This file is a Go port of ItalianLightStemmer.java from Apache Lucene
// (org.apache.lucene.analysis.it.ItalianLightStemmer, Apache License 2.0),
// which implements the light stemmer of Jacques Savoy, "Report on CLEF-2001
// Experiments". Savoy's original code carries this notice:
//
// Copyright (c) 2005, Jacques Savoy
// All rights reserved.
//
// Redistribution and use in source and binary forms, with or without
// modification, are permitted provided that the following conditions are
// met: Redistributions of source code must retain the above copyright
// notice, this list of conditions and the following disclaimer.
// Redistributions in binary form must reproduce the above copyright notice,
// this list of conditions and the following disclaimer in the
// documentation and/or other materials provided with the distribution.
// Neither the name of the author nor the names of its contributors may be
// used to endorse or promote products derived from this software without
// specific prior written permission.
//
// THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS
// IS" AND ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO,
// THE IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR
// PURPOSE ARE DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR
// CONTRIBUTORS BE LIABLE FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL,
// EXEMPLARY, OR CONSEQUENTIAL DAMAGES (INCLUDING, BUT NOT LIMITED TO,
// PROCUREMENT OF SUBSTITUTE GOODS OR SERVICES; LOSS OF USE, DATA, OR
// PROFITS; OR BUSINESS INTERRUPTION) HOWEVER CAUSED AND ON ANY THEORY OF
// LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY, OR TORT (INCLUDING
// NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE OF THIS
// SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
//
// Change from the original: accents are removed from words of every
// length (Lucene keeps them in words shorter than six letters), so "più"
// and "piu" meet.

package topics

// StemItalian returns the light stem of a lower-case Italian word: accents
// are removed and one final gender or number vowel goes (camerieri,
// cameriera → camerier; servizio, servizi → serviz). Words shorter than six
// letters are returned with their accents removed only, as in Lucene, so a
// dictionary lists short words in each form it needs ("caro", "cari") or
// as a prefix ("lent*").
func StemItalian(word string) string {
	s := []rune(word)
	for i, r := range s {
		switch r {
		case 'à', 'á', 'â', 'ä':
			s[i] = 'a'
		case 'ò', 'ó', 'ô', 'ö':
			s[i] = 'o'
		case 'è', 'é', 'ê', 'ë':
			s[i] = 'e'
		case 'ù', 'ú', 'û', 'ü':
			s[i] = 'u'
		case 'ì', 'í', 'î', 'ï':
			s[i] = 'i'
		}
	}
	n := len(s)
	if n < 6 {
		return string(s)
	}
	prev := s[n-2]
	switch s[n-1] {
	case 'e':
		if prev == 'i' || prev == 'h' {
			return string(s[:n-2])
		}
		return string(s[:n-1])
	case 'i':
		if prev == 'h' || prev == 'i' {
			return string(s[:n-2])
		}
		return string(s[:n-1])
	case 'a', 'o':
		if prev == 'i' {
			return string(s[:n-2])
		}
		return string(s[:n-1])
	}
	return string(s)
}
