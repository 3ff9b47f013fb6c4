package importer

import "fmt"

// Problem is an error or a warning about one file, with the place in it.
type Problem struct {
	File    string
	Place   string // line, element id or item index; "" for the whole file
	Message string
}

// Error formats the problem as "file: place: message".
func (p *Problem) Error() string {
	if p.Place == "" {
		return fmt.Sprintf("%s: %s", p.File, p.Message)
	}
	return fmt.Sprintf("%s: %s: %s", p.File, p.Place, p.Message)
}

func problemf(file, place, format string, args ...any) *Problem {
	return &Problem{File: file, Place: place, Message: fmt.Sprintf(format, args...)}
}
