package io.fangxian.topology;

import io.fangxian.avro.internal.AreaUpdate;

/** The count changes one event makes (see {@code AreaUpdates}), for its township and its sector. */
record CountChange(AreaUpdate delta, String townshipId, String sectorId) { }
