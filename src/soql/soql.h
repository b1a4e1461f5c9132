// SPDX-License-Identifier: MIT
#pragma once

// The whole SOQL layer in one include.
#include "soql/ast.h"
#include "soql/compiler.h"
#include "soql/datetime.h"
#include "soql/ids.h"
#include "soql/parser.h"
#include "soql/result.h"
#include "soql/schema.h"
#include "soql/text.h"
