package config

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// checkKeys walks a YAML document against the Config struct and reports the
// first unknown key or badly typed value by its full key path ("llm.timeout"),
// which yaml.v3's own errors name only by Go type.
func checkKeys(doc *yaml.Node) error {
	if doc.Kind == yaml.DocumentNode && len(doc.Content) == 1 {
		doc = doc.Content[0]
	}
	var problems []string
	checkMapping(doc, reflect.TypeOf(Config{}), "", func(err error) { problems = append(problems, err.Error()) })
	if len(problems) > 0 {
		// Every problem at once, so a file with three typos takes one
		// round of fixing, not three.
		return errors.New(strings.Join(problems, "; "))
	}
	return nil
}

func checkMapping(n *yaml.Node, t reflect.Type, prefix string, report func(error)) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return
	}
	if n.Kind != yaml.MappingNode {
		where := "the file"
		if prefix != "" {
			where = strings.TrimSuffix(prefix, ".")
		}
		report(fmt.Errorf("line %d: %s must be a mapping of keys", n.Line, where))
		return
	}
	fields := map[string]reflect.StructField{}
	var known []string
	for i := range t.NumField() {
		f := t.Field(i)
		name := strings.Split(f.Tag.Get("yaml"), ",")[0]
		fields[name] = f
		known = append(known, prefix+name)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := prefix + k.Value
		f, ok := fields[k.Value]
		if !ok {
			report(fmt.Errorf("line %d: unknown key %s (known keys here: %s)", k.Line, key, strings.Join(known, ", ")))
			continue
		}
		if f.Type.Kind() == reflect.Struct && f.Type != reflect.TypeOf(time.Time{}) {
			checkMapping(v, f.Type, key+".", report)
			continue
		}
		if f.Type.Kind() == reflect.Slice && f.Type.Elem().Kind() == reflect.Struct && v.Kind == yaml.SequenceNode {
			// A list of mappings (digest.subscriptions): each item's keys
			// are checked like a section's.
			for j, item := range v.Content {
				checkMapping(item, f.Type.Elem(), fmt.Sprintf("%s[%d].", key, j), report)
			}
			continue
		}
		if err := v.Decode(reflect.New(f.Type).Interface()); err != nil {
			report(fmt.Errorf("line %d: %s: %q is not a valid %s", v.Line, key, v.Value, typeName(f.Type)))
		}
	}
}

func typeName(t reflect.Type) string {
	switch {
	case t == reflect.TypeOf(time.Duration(0)):
		return "duration (like 30s or 2m)"
	case t.Kind() == reflect.String:
		return "string"
	case t.Kind() == reflect.Float32 || t.Kind() == reflect.Float64:
		return "number"
	case t.Kind() >= reflect.Int && t.Kind() <= reflect.Int64:
		return "whole number"
	case t.Kind() == reflect.Bool:
		return "true or false"
	}
	return t.String()
}
