package ingest

import "bytes"

// A documentFormat is a file format that is not an article Credence can
// read but that can be recognised from its first bytes, so the user is told
// what the file is and how to get its text, rather than "binary data" or,
// worse, an analysis of PDF syntax as if it were French prose.
type documentFormat struct {
	name string // "a PDF document", "a PNG image"
	hint string // how to get text from it; may be empty
}

func (f documentFormat) message() string {
	msg := "input is " + f.name + ", not text, HTML or JSON"
	if f.hint != "" {
		msg += "; " + f.hint
	}
	return msg
}

const (
	hintPandoc  = "convert it to plain text first (e.g. pandoc FILE -t plain -o article.txt)"
	hintOffice  = "convert it to plain text first (e.g. libreoffice --headless --convert-to txt FILE)"
	hintImage   = "Credence reads text, not images"
	hintNotText = "Credence reads one article as text, HTML or JSON"
	hintUnzip   = "unpack it first and give one article"
	hintPdf     = "extract its text first (e.g. pdftotext FILE article.txt)"
	hintPS      = "extract its text first (e.g. ps2ascii FILE article.txt)"
	hintDecomp  = "decompress it first"
	hintGunzip  = "decompress it first (e.g. gunzip)"
	hintSpread  = "Credence reads articles, not spreadsheets"
	hintSlides  = "convert it to plain text first (e.g. libreoffice --headless --convert-to txt FILE)"
)

// magics are formats known by a fixed prefix.
var magics = []struct {
	prefix string
	format documentFormat
}{
	{"%PDF-", documentFormat{"a PDF document", hintPdf}},
	{"%!PS", documentFormat{"a PostScript document", hintPS}},
	{"{\\rtf", documentFormat{"an RTF document", hintPandoc}},
	{"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", documentFormat{"a Microsoft Office document in the legacy binary format (.doc, .xls or .ppt)", hintOffice}},
	{"\x1f\x8b", documentFormat{"a gzip-compressed file", hintGunzip}},
	{"\xfd7zXZ\x00", documentFormat{"an xz-compressed file", hintDecomp + " (e.g. unxz)"}},
	{"(\xb5/\xfd", documentFormat{"a zstd-compressed file", hintDecomp + " (e.g. unzstd)"}},
	{"7z\xbc\xaf\x27\x1c", documentFormat{"a 7-Zip archive", hintUnzip}},
	{"Rar!\x1a\x07", documentFormat{"a RAR archive", hintUnzip}},
	{"\x89PNG\r\n\x1a\n", documentFormat{"a PNG image", hintImage}},
	{"\xff\xd8\xff", documentFormat{"a JPEG image", hintImage}},
	{"GIF87a", documentFormat{"a GIF image", hintImage}},
	{"GIF89a", documentFormat{"a GIF image", hintImage}},
	{"II*\x00", documentFormat{"a TIFF image", hintImage}},
	{"MM\x00*", documentFormat{"a TIFF image", hintImage}},
	{"OggS", documentFormat{"an Ogg media file", hintNotText}},
	{"fLaC", documentFormat{"a FLAC audio file", hintNotText}},
	{"\x1a\x45\xdf\xa3", documentFormat{"a Matroska or WebM video", hintNotText}},
	{"\x7fELF", documentFormat{"an executable program", hintNotText}},
	{"SQLite format 3\x00", documentFormat{"an SQLite database", hintNotText}},
	{"wOFF", documentFormat{"a web font", hintNotText}},
	{"wOF2", documentFormat{"a web font", hintNotText}},
}

// detectFormat recognises a document, image, archive or other non-text
// format from the first bytes of raw (after a byte-order mark and leading
// white space, which some tools write before "%PDF-").
func detectFormat(raw []byte) (documentFormat, bool) {
	b := bytes.TrimLeft(bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf")), " \t\r\n")
	for _, m := range magics {
		if bytes.HasPrefix(b, []byte(m.prefix)) {
			return m.format, true
		}
	}
	switch {
	case len(b) >= 4 && bytes.HasPrefix(b, []byte("BZh")) && '1' <= b[3] && b[3] <= '9':
		return documentFormat{"a bzip2-compressed file", hintDecomp + " (e.g. bunzip2)"}, true
	case len(b) >= 10 && bytes.HasPrefix(b, []byte("ID3")) && b[3] < 0x10:
		return documentFormat{"an MP3 audio file", hintNotText}, true
	case bytes.HasPrefix(b, []byte("PK\x03\x04")), bytes.HasPrefix(b, []byte("PK\x05\x06")), bytes.HasPrefix(b, []byte("PK\x07\x08")):
		return zipFormat(b), true
	case len(b) >= 12 && bytes.HasPrefix(b, []byte("RIFF")):
		switch string(b[8:12]) {
		case "WEBP":
			return documentFormat{"a WebP image", hintImage}, true
		case "WAVE":
			return documentFormat{"a WAV audio file", hintNotText}, true
		case "AVI ":
			return documentFormat{"an AVI video", hintNotText}, true
		}
	case len(b) >= 12 && string(b[4:8]) == "ftyp":
		switch string(b[8:12]) {
		case "heic", "heix", "mif1", "msf1", "avif":
			return documentFormat{"an HEIF or AVIF image", hintImage}, true
		}
		return documentFormat{"an MP4 or QuickTime media file", hintNotText}, true
	case len(b) >= 10 && b[0] == 'B' && b[1] == 'M' && bytes.Equal(b[6:10], []byte{0, 0, 0, 0}):
		return documentFormat{"a BMP image", hintImage}, true
	case len(b) >= 64 && b[0] == 'M' && b[1] == 'Z' && bytes.IndexByte(b[2:64], 0) >= 0:
		return documentFormat{"a Windows executable", hintNotText}, true
	case isSVG(b):
		return documentFormat{"an SVG image", hintImage}, true
	}
	return documentFormat{}, false
}

// zipFormat names the kind of ZIP container: the Office Open XML and
// OpenDocument formats and EPUB are ZIP files told apart by their entries.
func zipFormat(b []byte) documentFormat {
	// OpenDocument and EPUB store an uncompressed "mimetype" entry first.
	if i := bytes.Index(b[:min(len(b), 256)], []byte("mimetype")); i >= 0 {
		rest := b[i+len("mimetype") : min(len(b), i+len("mimetype")+128)]
		switch {
		case bytes.HasPrefix(rest, []byte("application/epub+zip")):
			return documentFormat{"an EPUB e-book", hintPandoc}
		case bytes.HasPrefix(rest, []byte("application/vnd.oasis.opendocument.text")):
			return documentFormat{"an OpenDocument text document (.odt)", hintPandoc}
		case bytes.HasPrefix(rest, []byte("application/vnd.oasis.opendocument.spreadsheet")):
			return documentFormat{"an OpenDocument spreadsheet (.ods)", hintSpread}
		case bytes.HasPrefix(rest, []byte("application/vnd.oasis.opendocument.presentation")):
			return documentFormat{"an OpenDocument presentation (.odp)", hintSlides}
		case bytes.HasPrefix(rest, []byte("application/vnd.oasis.opendocument")):
			return documentFormat{"an OpenDocument file", hintOffice}
		}
	}
	// Office Open XML: the part names are in the local headers and again
	// in the central directory at the end.
	switch {
	case bytes.Contains(b, []byte("word/document")):
		return documentFormat{"a Word document (.docx)", hintPandoc}
	case bytes.Contains(b, []byte("xl/workbook")):
		return documentFormat{"an Excel spreadsheet (.xlsx)", hintSpread}
	case bytes.Contains(b, []byte("ppt/presentation")):
		return documentFormat{"a PowerPoint presentation (.pptx)", hintSlides}
	case bytes.Contains(b, []byte("[Content_Types].xml")):
		return documentFormat{"a Microsoft Office document", hintOffice}
	}
	return documentFormat{"a ZIP archive", hintUnzip}
}

// isSVG reports an SVG file: its root element (after an XML declaration,
// comments and a doctype) is svg, and there is no html element.
func isSVG(b []byte) bool {
	// Only markup can be SVG: most inputs are ruled out by their first
	// byte, before any lower-casing.
	t := bytes.TrimLeft(bytes.TrimPrefix(b, []byte("\ufeff")), " \t\r\n")
	if len(t) == 0 || t[0] != '<' {
		return false
	}
	head := bytes.ToLower(b[:min(len(b), 2048)])
	if bytes.HasPrefix(head, []byte("<svg")) {
		return true
	}
	return bytes.HasPrefix(head, []byte("<?xml")) && bytes.Contains(head, []byte("<svg")) && !bytes.Contains(head, []byte("<html"))
}
