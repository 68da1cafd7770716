package io.fangxian.topology;

import io.fangxian.avro.internal.AreaUpdate;
import java.util.List;

/** The count changes one event makes (see {@code AreaUpdates}), for each of the areas it counts in ({@code standing.EnterpriseAreas}). */
record CountChange(AreaUpdate delta, List<String> areas) { }
