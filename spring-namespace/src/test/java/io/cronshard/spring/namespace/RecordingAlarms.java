package io.cronshard.spring.namespace;

import io.cronshard.api.listener.JobAlarm;
import io.cronshard.api.listener.JobAlarmListener;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every alarm it hears. */
public class RecordingAlarms implements JobAlarmListener {

    final List<JobAlarm> alarms = new CopyOnWriteArrayList<>();

    @Override
    public void onAlarm(JobAlarm alarm) {
        alarms.add(alarm);
    }

    boolean heard(JobAlarm.Kind kind, String reason) {
        return alarms.stream().anyMatch(each -> each.getKind() == kind && each.getReason().equals(reason));
    }
}
