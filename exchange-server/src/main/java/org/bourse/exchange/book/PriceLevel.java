package org.bourse.exchange.book;

/** All resting orders at one price, oldest first. */
final class PriceLevel {
    long price;
    long quantity;
    int orderCount;
    Order head;
    Order tail;
    /** Links the free list of the level pool. */
    PriceLevel nextFree;

    void append(Order order) {
        order.level = this;
        order.prevInLevel = tail;
        order.nextInLevel = null;
        if (tail == null) {
            head = order;
        } else {
            tail.nextInLevel = order;
        }
        tail = order;
        quantity += order.remaining;
        orderCount++;
    }

    void unlink(Order order) {
        if (order.prevInLevel == null) {
            head = order.nextInLevel;
        } else {
            order.prevInLevel.nextInLevel = order.nextInLevel;
        }
        if (order.nextInLevel == null) {
            tail = order.prevInLevel;
        } else {
            order.nextInLevel.prevInLevel = order.prevInLevel;
        }
        order.prevInLevel = null;
        order.nextInLevel = null;
        order.level = null;
        quantity -= order.remaining;
        orderCount--;
    }
}
