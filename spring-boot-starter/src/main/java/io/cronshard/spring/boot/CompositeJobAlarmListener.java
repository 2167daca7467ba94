package io.cronshard.spring.boot;

import io.cronshard.api.listener.JobAlarm;
import io.cronshard.api.listener.JobAlarmListener;

import java.util.List;

/**
 * Every {@link JobAlarmListener} bean of the context behind one listener, called in order. Core logs and ignores what a
 * listener throws, for the whole listener: one failing here would silence the ones after it, so each is guarded on its
 * own and the first failure is rethrown (the others suppressed in it) once all have heard the alarm.
 */
final class CompositeJobAlarmListener implements JobAlarmListener {

    private final List<JobAlarmListener> delegates;

    private CompositeJobAlarmListener(List<JobAlarmListener> delegates) {
        this.delegates = List.copyOf(delegates);
    }

    /**
     * @param delegates the listeners, in call order
     * @return {@link JobAlarmListener#NONE} for none, the one listener for one, a composite for more
     */
    static JobAlarmListener of(List<JobAlarmListener> delegates) {
        return delegates.isEmpty() ? NONE : delegates.size() == 1 ? delegates.get(0) : new CompositeJobAlarmListener(delegates);
    }

    @Override
    public void onAlarm(JobAlarm alarm) {
        Delegates.callEach(delegates, each -> each.onAlarm(alarm));
    }

    @Override
    public String toString() {
        return "CompositeJobAlarmListener" + delegates;
    }
}
