/* Quiz widget (issue 4). */
