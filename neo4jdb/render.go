package neo4jdb

// A canonical rendering of property values, shared by the test helpers'
// dumps (testhelpers.go) and the loader's comparison of values it cannot
// compare by type (sameValue).

import (
	"encoding/hex"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

func renderNode(labels, props any) string {
	var ls []string
	for _, l := range asAnyList(labels) {
		ls = append(ls, fmt.Sprint(l))
	}
	sort.Strings(ls)
	var b strings.Builder
	for _, l := range ls {
		b.WriteString(":" + renderKey(l))
	}
	b.WriteString(" ")
	b.WriteString(renderProps(asPropMap(props)))
	return b.String()
}

// renderProps renders a property map canonically: keys sorted, values by
// renderValue. The loader compares graph and dataset with it too, so what
// the driver returns ([]any, dbtype.Date, int64) and what the loader sends
// ([]string, neo4j.Date, int64) render alike.
func renderProps(props map[string]any) string {
	keys := make([]string, 0, len(props))
	for k := range props {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteByte('{')
	for i, k := range keys {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(renderKey(k))
		b.WriteString(": ")
		writeValue(&b, props[k])
	}
	b.WriteByte('}')
	return b.String()
}

func renderKey(k string) string {
	for i, r := range k {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9') {
			return "`" + strings.ReplaceAll(k, "`", "``") + "`"
		}
	}
	if k == "" {
		return "``"
	}
	return k
}

// writeValue renders one property value stably and unambiguously: strings
// quoted, floats always with a decimal point or exponent, temporal values
// wrapped in their Cypher constructor names.
func writeValue(b *strings.Builder, v any) {
	switch v := v.(type) {
	case nil:
		b.WriteString("null")
	case string:
		b.WriteString(strconv.Quote(v))
	case bool:
		b.WriteString(strconv.FormatBool(v))
	case int64:
		b.WriteString(strconv.FormatInt(v, 10))
	case int:
		b.WriteString(strconv.Itoa(v))
	case float64:
		s := strconv.FormatFloat(v, 'g', -1, 64)
		if !math.IsInf(v, 0) && !math.IsNaN(v) && !strings.ContainsAny(s, ".e") {
			s += ".0"
		}
		b.WriteString(s)
	case []byte:
		b.WriteString("bytes(" + hex.EncodeToString(v) + ")")
	case []string:
		b.WriteByte('[')
		for i, s := range v {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(strconv.Quote(s))
		}
		b.WriteByte(']')
	case []any:
		b.WriteByte('[')
		for i, e := range v {
			if i > 0 {
				b.WriteString(", ")
			}
			writeValue(b, e)
		}
		b.WriteByte(']')
	case map[string]any:
		b.WriteString(renderProps(v))
	case dbtype.Date:
		b.WriteString(`date("` + v.String() + `")`)
	case dbtype.LocalDateTime:
		b.WriteString(`localdatetime("` + v.String() + `")`)
	case dbtype.LocalTime:
		b.WriteString(`localtime("` + v.String() + `")`)
	case dbtype.Time:
		b.WriteString(`time("` + v.String() + `")`)
	case time.Time:
		b.WriteString(`datetime("` + v.Format(time.RFC3339Nano) + `[` + v.Location().String() + `]")`)
	case dbtype.Duration:
		b.WriteString(`duration("` + v.String() + `")`)
	case fmt.Stringer:
		fmt.Fprintf(b, "%T(%s)", v, v.String())
	default:
		fmt.Fprintf(b, "%T(%v)", v, v)
	}
}
