package io.fangxian.enterprises;

import io.fangxian.areas.CountChange;
import io.fangxian.avro.Alert;

/** What a change of standing sends on: count changes for the areas, or a rule signal. One of the two. */
record StandingOutput(CountChange counts, Alert signal) { }
