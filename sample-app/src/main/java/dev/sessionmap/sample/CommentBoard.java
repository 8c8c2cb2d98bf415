package dev.sessionmap.sample;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.springframework.stereotype.Component;

/** The comments visitors posted, newest first; kept in memory and only the last few. */
@Component
class CommentBoard {

    /** Longest comment accepted, in characters. */
    static final int MAX_LENGTH = 500;

    private static final int KEPT = 20;

    private final Deque<Comment> comments = new ArrayDeque<>();

    synchronized void add(Comment comment) {
        this.comments.addFirst(comment);
        while (this.comments.size() > KEPT) {
            this.comments.removeLast();
        }
    }

    synchronized List<Comment> newestFirst() {
        return List.copyOf(this.comments);
    }

    /** One posted comment. */
    record Comment(String author, String text) {
    }

}
