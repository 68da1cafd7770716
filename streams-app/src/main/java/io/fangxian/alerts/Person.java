package io.fangxian.alerts;

/** Someone in the escalation chain: a name and the role it holds there. */
public record Person(String name, String role) { }
