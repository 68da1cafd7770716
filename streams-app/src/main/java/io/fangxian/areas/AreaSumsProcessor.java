package io.fangxian.areas;

import io.fangxian.avro.internal.AreaUpdate;
import io.fangxian.config.PipelineConfig;
import io.fangxian.store.StoreNames;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Sums the count changes of one enterprise partition per area ({@link AreaDeltas}) and sends each
 * sum on to its area, keyed by area, twice per publish interval: published figures then trail the
 * events by less than one interval.
 */
final class AreaSumsProcessor implements Processor<String, CountChange, String, AreaUpdate> {
  private final PipelineConfig config;
  private AreaDeltas sums;

  AreaSumsProcessor(PipelineConfig config) {
    this.config = config;
  }

  @Override
  public void init(ProcessorContext<String, AreaUpdate> context) {
    sums = new AreaDeltas(context, context.getStateStore(StoreNames.AREA_DELTAS), config.zone());
    context.schedule(config.statsPublishInterval().dividedBy(2), PunctuationType.WALL_CLOCK_TIME, sums::flush);
  }

  @Override
  public void process(Record<String, CountChange> record) {
    CountChange change = record.value();
    sums.add(change.delta(), change.areas());
  }
}
