package importer

import "errors"

func readHugo(src string) (*site, error) { return nil, errors.New("hugo: not yet") }
